import type {
  DatasetItem,
  ExperimentRun,
  ExperimentRunHeader,
  RunOutcome,
  ReviewVerdict,
  RubricDimension,
  SamplingRule,
} from '@glassbox/core/evals';

/** One immutable version of a dataset (its items are read apart). */
export interface DatasetVersion {
  projectId: string;
  name: string;
  /** 1, 2, ...: every change makes the next one. */
  version: number;
  createdAtMs: number;
  itemCount: number;
  note?: string;
}

/** Versioned datasets: a version, once written, never changes. */
export interface DatasetStore {
  /** Writes the items as the dataset's next version (1 for a new dataset) and returns it. */
  createDatasetVersion(input: {
    projectId: string;
    name: string;
    items: readonly DatasetItem[];
    createdAtMs: number;
    note?: string;
  }): Promise<DatasetVersion>;
  /** The newest version of every dataset of the project, by name. */
  listDatasets(projectId: string): Promise<DatasetVersion[]>;
  /** Every version of a dataset, newest first; [] when it does not exist. */
  listDatasetVersions(projectId: string, name: string): Promise<DatasetVersion[]>;
  getDatasetItems(
    projectId: string,
    name: string,
    version: number,
  ): Promise<DatasetItem[] | undefined>;
}

/** Experiment runs with every per-item, per-repeat outcome. */
export interface ExperimentRunStore {
  /** A second run with the same id in a project is refused. */
  saveExperimentRun(run: ExperimentRun): Promise<void>;
  /** Run headers, newest first, optionally of one dataset (and version). */
  listExperimentRuns(
    projectId: string,
    filter?: { dataset?: string; datasetVersion?: number; limit?: number },
  ): Promise<ExperimentRunHeader[]>;
  getExperimentRun(projectId: string, id: string): Promise<ExperimentRun | undefined>;
  /**
   * The outcomes whose call started `traceId` (the trace the user's app emitted for it), with
   * their run's header, newest run first, at most `limit` (default 100).
   */
  listTraceRunOutcomes(
    projectId: string,
    traceId: string,
    limit?: number,
  ): Promise<TraceRunOutcome[]>;
}

/** An experiment outcome found by the trace its call started. */
export interface TraceRunOutcome {
  run: ExperimentRunHeader;
  outcome: RunOutcome;
}

/** One online evaluator's score on a production trace. */
export interface OnlineScore {
  projectId: string;
  traceId: string;
  /** The metric name (`score:<name>` for monitors): the assertion's metric or its type. */
  name: string;
  score: number;
  pass: boolean;
  reason: string;
  ruleId: string;
  atMs: number;
}

/** Sampling rules, online scores, and how far the online evaluator has read. */
export interface OnlineEvalStore {
  getSamplingRules(projectId: string): Promise<SamplingRule[]>;
  putSamplingRules(projectId: string, rules: readonly SamplingRule[]): Promise<void>;
  /** Projects that have at least one rule. */
  listProjectsWithRules(): Promise<string[]>;
  /** Inserts or replaces by (project, trace, name). */
  putOnlineScores(scores: readonly OnlineScore[]): Promise<void>;
  listOnlineScores(projectId: string, traceId: string): Promise<OnlineScore[]>;
  /** The trace start time (ms) up to which the project's traces were considered. */
  getOnlineCursor(projectId: string): Promise<number | undefined>;
  putOnlineCursor(projectId: string, ms: number): Promise<void>;
}

export const REVIEW_REASONS = ['sampled', 'flagged'] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

/** A trace waiting for (or done with) human review. */
export interface ReviewItem {
  projectId: string;
  traceId: string;
  reason: ReviewReason;
  note?: string;
  createdAtMs: number;
  /** Reviewers who labelled it. */
  reviewedBy: string[];
}

export interface StoredReviewLabel {
  projectId: string;
  traceId: string;
  dimension: RubricDimension;
  rater: string;
  verdict: ReviewVerdict;
  atMs: number;
}

/** The human review queue and the labels of reviewers and judges. */
export interface ReviewStore {
  /** Adds traces to the queue; one already queued keeps its first entry. Returns how many were new. */
  enqueueReviews(items: readonly Omit<ReviewItem, 'reviewedBy'>[]): Promise<number>;
  /** Queued traces, oldest first; `pendingFor` leaves out those that reviewer already labelled. */
  listReviewItems(
    projectId: string,
    options?: { pendingFor?: string; limit?: number },
  ): Promise<ReviewItem[]>;
  /** Inserts or replaces by (project, trace, dimension, rater). */
  putReviewLabels(labels: readonly StoredReviewLabel[]): Promise<void>;
  listReviewLabels(projectId: string, traceId?: string): Promise<StoredReviewLabel[]>;
}

/** The eval ports of one backend. */
export interface EvalStores {
  datasets: DatasetStore;
  runs: ExperimentRunStore;
  online: OnlineEvalStore;
  reviews: ReviewStore;
}

/** Newest run first; within a run, by item and repeat. */
export function sortTraceRunOutcomes(found: TraceRunOutcome[]): TraceRunOutcome[] {
  return found.sort(
    (a, b) =>
      b.run.createdAtMs - a.run.createdAtMs ||
      (a.run.id < b.run.id ? 1 : a.run.id > b.run.id ? -1 : 0) ||
      (a.outcome.itemId < b.outcome.itemId ? -1 : a.outcome.itemId > b.outcome.itemId ? 1 : 0) ||
      a.outcome.repeat - b.outcome.repeat,
  );
}
