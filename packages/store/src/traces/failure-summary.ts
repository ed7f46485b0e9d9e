import { MAX_SUMMARY_BUCKETS } from '@glassbox/core/api';
import type { FailureCategory } from '@glassbox/core/classify';
import { StoreError } from '../store-error.js';

export { MAX_SUMMARY_BUCKETS };

/** Failures of one project over `[from, to)`, in buckets of `bucketMs` aligned to the epoch. */
export interface FailureSummaryQuery {
  projectId: string;
  from: number;
  to: number;
  bucketMs: number;
}

export interface FailureBucket {
  startMs: number;
  /** Traces showing each category in this bucket (a trace counts once per category). */
  counts: Partial<Record<FailureCategory, number>>;
}

export interface FailureSummary {
  bucketMs: number;
  /** Every bucket of the range, oldest first, empty ones included. */
  buckets: FailureBucket[];
  totals: Partial<Record<FailureCategory, number>>;
}

/**
 * Checks a summary query and returns the start of its first bucket and the bucket count.
 *
 * @example
 * checkFailureSummaryQuery({ projectId: 'default', from: 0, to: 3_600_000, bucketMs: 300_000 });
 * // { firstBucketMs: 0, bucketCount: 12 }
 */
export function checkFailureSummaryQuery(query: FailureSummaryQuery): {
  firstBucketMs: number;
  bucketCount: number;
} {
  const bad = (message: string): never => {
    throw new StoreError('invalid_query', message);
  };
  if (typeof query.projectId !== 'string' || query.projectId === '') bad('projectId is required');
  for (const key of ['from', 'to'] as const) {
    if (!Number.isFinite(query[key])) bad(`${key} must be a finite number`);
  }
  if (!Number.isInteger(query.bucketMs) || query.bucketMs < 1) {
    bad(`bucket must be a positive whole number of milliseconds, got ${String(query.bucketMs)}`);
  }
  if (query.to <= query.from) bad(`to (${query.to}) must be after from (${query.from})`);
  const firstBucketMs = bucketStart(query.from, query.bucketMs);
  const bucketCount = Math.ceil((query.to - firstBucketMs) / query.bucketMs);
  if (bucketCount > MAX_SUMMARY_BUCKETS) {
    bad(
      `from..to in buckets of ${query.bucketMs} ms makes ${bucketCount} buckets, more than ${MAX_SUMMARY_BUCKETS}; use a larger bucket or a shorter range`,
    );
  }
  return { firstBucketMs, bucketCount };
}

/** The start of the epoch-aligned bucket holding `ms`. */
export function bucketStart(ms: number, bucketMs: number): number {
  return Math.floor(ms / bucketMs) * bucketMs;
}

/**
 * Builds the summary from (bucket start, category, trace count) rows.
 *
 * @example
 * buildFailureSummary(query, [{ startMs: 0, category: 'timeout', traces: 2 }]);
 */
export function buildFailureSummary(
  query: FailureSummaryQuery,
  rows: Iterable<{ startMs: number; category: string; traces: number }>,
): FailureSummary {
  const { firstBucketMs, bucketCount } = checkFailureSummaryQuery(query);
  const buckets: FailureBucket[] = Array.from({ length: bucketCount }, (_, i) => ({
    startMs: firstBucketMs + i * query.bucketMs,
    counts: {},
  }));
  const totals: Record<string, number> = {};
  for (const row of rows) {
    const bucket = buckets[Math.round((row.startMs - firstBucketMs) / query.bucketMs)];
    if (!bucket) continue;
    const counts = bucket.counts as Record<string, number>;
    counts[row.category] = (counts[row.category] ?? 0) + row.traces;
    totals[row.category] = (totals[row.category] ?? 0) + row.traces;
  }
  return { bucketMs: query.bucketMs, buckets, totals };
}
