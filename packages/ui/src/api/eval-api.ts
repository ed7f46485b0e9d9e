import { API_ROUTES, searchParamsOf } from '@glassbox/core/api';
import type {
  DatasetItem,
  DimensionAgreement,
  EvalCoverage,
  ExperimentRunHeader,
  ReviewVerdict,
  RubricDimension,
  RunComparison,
  RunOutcome,
} from '@glassbox/core/evals';
import { call } from './api-client.js';

/** A dataset version as the API lists it. */
export interface DatasetVersionView {
  name: string;
  version: number;
  itemCount: number;
  createdAtMs: number;
  note?: string;
}

export interface ComparedItemView {
  itemId: string;
  vars: Record<string, unknown>;
  expected?: string;
  sourceTraceId?: string;
  baseline: RunOutcome[];
  candidate: RunOutcome[];
}

export interface RunComparisonView {
  baseline: ExperimentRunHeader;
  candidate: ExperimentRunHeader;
  comparison: RunComparison;
  items: ComparedItemView[];
}

export interface ReviewItemView {
  traceId: string;
  reason: 'sampled' | 'flagged';
  note?: string;
  createdAtMs: number;
  reviewedBy: string[];
}

/** An online evaluator's score on a trace. */
export interface TraceScoreView {
  name: string;
  score: number;
  pass: boolean;
  reason: string;
  ruleId: string;
  atMs: number;
}

/** An experiment outcome whose call started a trace, with its run. */
export interface TraceExperimentView {
  run: ExperimentRunHeader;
  outcome: RunOutcome;
}

const routes = API_ROUTES;

/** The eval routes, typed with core's eval shapes (the contract publishes them as objects). */
export const evalApi = {
  listDatasets: async (signal?: AbortSignal) =>
    (await call(routes.listDatasets, { signal })).items as DatasetVersionView[],
  listDatasetVersions: async (name: string, signal?: AbortSignal) =>
    (await call(routes.listDatasetVersions, { params: { name }, signal }))
      .items as DatasetVersionView[],
  getDatasetItems: async (name: string, version: number, signal?: AbortSignal) =>
    (await call(routes.getDatasetItems, { params: { name, version }, signal }))
      .items as DatasetItem[],
  importDataset: async (name: string, format: 'csv' | 'jsonl', text: string, append: boolean) =>
    (await call(routes.createDatasetVersion, {
      params: { name },
      body: { import: { format, text }, append },
    })) as DatasetVersionView,
  addTraces: async (name: string, traceIds: string[]) =>
    (await call(routes.addTracesToDataset, {
      params: { name },
      body: { traceIds },
    })) as DatasetVersionView,
  listRuns: async (filter: { dataset?: string }, signal?: AbortSignal) =>
    (
      await call(routes.listEvalRuns, {
        query: searchParamsOf(routes.listEvalRuns, { limit: 200, ...filter }),
        signal,
      })
    ).items as ExperimentRunHeader[],
  compareRuns: async (candidate: string, baseline: string, signal?: AbortSignal) =>
    (await call(routes.compareEvalRuns, {
      params: { runId: candidate, baselineId: baseline },
      signal,
    })) as RunComparisonView,
  traceScores: async (traceId: string, signal?: AbortSignal) => {
    const res = await call(routes.getTraceScores, { params: { traceId }, signal });
    return {
      online: res.items as TraceScoreView[],
      experiments: res.experiments as TraceExperimentView[],
    };
  },
  listReviews: async (pendingFor: string, signal?: AbortSignal) =>
    (
      await call(routes.listReviews, {
        query: searchParamsOf(routes.listReviews, { limit: 100, pendingFor }),
        signal,
      })
    ).items as ReviewItemView[],
  putReviewLabels: (
    traceId: string,
    reviewer: string,
    verdicts: Partial<Record<RubricDimension, ReviewVerdict>>,
  ) => call(routes.putReviewLabels, { params: { traceId }, body: { reviewer, verdicts } }),
  coverage: async (signal?: AbortSignal) =>
    (await call(routes.getEvalCoverage, { signal })) as EvalCoverage,
  agreement: async (signal?: AbortSignal) =>
    (await call(routes.getReviewAgreement, { signal })).items as DimensionAgreement[],
};

/** The path of a dataset version's export. */
export const exportPath = (name: string, version: number, format: 'csv' | 'jsonl') =>
  `/api/datasets/${encodeURIComponent(name)}/versions/${version}/export?format=${format}`;
