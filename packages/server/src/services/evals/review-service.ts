import {
  contentHash,
  EVAL_ERROR_CODES,
  EvalError,
  evalCoverage,
  reviewAgreement,
  type DimensionAgreement,
  type EvalCoverage,
  type ReviewVerdict,
  type RubricDimension,
} from '@glassbox/core/evals';
import type { Storage } from '@glassbox/store';
import { EvalNotFound } from './eval-service-error.js';

/** How many recent traces a review sample is drawn from. */
const SAMPLE_POOL = 500;

/**
 * The human review queue: flagged traces, deterministic samples of recent ones, reviewers'
 * verdicts per rubric dimension and their agreement with the judge.
 *
 * @example
 * await new ReviewService(storage).enqueue('default', { sample: { count: 50 } });
 */
export class ReviewService {
  constructor(private readonly storage: Pick<Storage, 'evals' | 'traces'>) {}

  async enqueue(
    projectId: string,
    request: { traceIds?: string[]; sample?: { count: number; sinceMs?: number }; note?: string },
  ): Promise<{ added: number; traceIds: string[] }> {
    if ((request.traceIds === undefined) === (request.sample === undefined))
      throw new EvalError(
        EVAL_ERROR_CODES.invalidData,
        'give exactly one of "traceIds" (flagged) or "sample"',
      );
    let traceIds: string[];
    if (request.traceIds) {
      traceIds = [...new Set(request.traceIds)];
      for (const id of traceIds)
        if (!(await this.storage.traces.getTrace(projectId, id)))
          throw new EvalNotFound(`trace ${id} not found`);
    } else {
      const { count, sinceMs } = request.sample as { count: number; sinceMs?: number };
      const page = await this.storage.traces.listTraces({
        projectId,
        limit: SAMPLE_POOL,
        ...(sinceMs !== undefined ? { from: sinceMs } : {}),
      });
      // A hash of the id orders the pool: the same traces come out for the same pool.
      traceIds = page.items
        .map((t) => t.traceId)
        .sort((a, b) => (contentHash(a) < contentHash(b) ? -1 : 1))
        .slice(0, count);
    }
    const now = Date.now();
    const added = await this.storage.evals.reviews.enqueueReviews(
      traceIds.map((traceId) => ({
        projectId,
        traceId,
        reason: request.traceIds ? ('flagged' as const) : ('sampled' as const),
        createdAtMs: now,
        ...(request.note !== undefined ? { note: request.note } : {}),
      })),
    );
    return { added, traceIds };
  }

  async label(
    projectId: string,
    traceId: string,
    reviewer: string,
    verdicts: Partial<Record<RubricDimension, ReviewVerdict>>,
  ): Promise<number> {
    if (reviewer === 'judge')
      throw new EvalError(
        EVAL_ERROR_CODES.invalidData,
        '"judge" is the model grader, not a reviewer',
      );
    if (!(await this.storage.traces.getTrace(projectId, traceId)))
      throw new EvalNotFound(`trace ${traceId} not found`);
    const atMs = Date.now();
    const labels = Object.entries(verdicts).map(([dimension, verdict]) => ({
      projectId,
      traceId,
      dimension: dimension as RubricDimension,
      rater: reviewer,
      verdict: verdict as ReviewVerdict,
      atMs,
    }));
    await this.storage.evals.reviews.putReviewLabels(labels);
    return labels.length;
  }

  async agreement(projectId: string): Promise<DimensionAgreement[]> {
    return reviewAgreement(await this.storage.evals.reviews.listReviewLabels(projectId));
  }

  /** Coverage over the newest version of every dataset of the project. */
  async coverage(projectId: string): Promise<EvalCoverage> {
    const store = this.storage.evals.datasets;
    const datasets = await store.listDatasets(projectId);
    return evalCoverage(
      await Promise.all(
        datasets.map(async (d) => ({
          dataset: `${d.name}@${d.version}`,
          items: (await store.getDatasetItems(projectId, d.name, d.version)) ?? [],
        })),
      ),
    );
  }
}
