import { quantileSorted } from '../stats/binning.js';
import { DetectError } from './detect-error.js';
import { resolveMetric } from './metric-catalog.js';
import type { Observation } from './observation.js';
import { matchesSegment, type SegmentFilter } from './segment-filter.js';

/** One time bucket of a metric. Rates carry events/rate; values and sessions p50/p95/mean. */
export interface RollupPoint {
  startMs: number;
  /** Requests in the bucket and segment (sessions for session metrics). */
  count: number;
  events?: number;
  rate?: number;
  mean?: number;
  p50?: number;
  p95?: number;
  sum?: number;
  /** Share per category (they sum to 1 over the bucket). */
  shares?: Record<string, number>;
}

export interface RollupRequest {
  metric: string;
  bucketMs: number;
  from: number;
  to: number;
  segment?: SegmentFilter;
}

/** Most buckets one rollup may produce. */
export const MAX_ROLLUP_BUCKETS = 10_000;

function summarize(values: number[]): Pick<RollupPoint, 'mean' | 'p50' | 'p95' | 'sum'> {
  if (values.length === 0) return {};
  const sorted = values.slice().sort((a, b) => a - b);
  const sum = values.reduce((a, b) => a + b, 0);
  return {
    sum,
    mean: sum / values.length,
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
  };
}

/**
 * Aggregates observations into event-time buckets [from, to) for one metric and segment.
 * Empty buckets are kept (count 0) so charts show gaps. Session metrics sum per session
 * within a bucket (a session belongs to the bucket of its first request there).
 *
 * @example
 * rollup(observations, { metric: 'error_rate', bucketMs: 60_000, from, to });
 * // [{ startMs, count: 120, events: 3, rate: 0.025 }, ...]
 */
export function rollup(
  observations: readonly Observation[],
  request: RollupRequest,
): RollupPoint[] {
  const { bucketMs, from, to } = request;
  if (!(bucketMs > 0) || !Number.isFinite(bucketMs)) {
    throw new DetectError(
      'invalid_rollup',
      `bucket must be a positive number of ms, got ${bucketMs}`,
      'bucket',
    );
  }
  if (!(to > from))
    throw new DetectError('invalid_rollup', `to (${to}) must be after from (${from})`, 'to');
  const n = Math.ceil((to - from) / bucketMs);
  if (n > MAX_ROLLUP_BUCKETS) {
    throw new DetectError(
      'invalid_rollup',
      `${n} buckets requested; at most ${MAX_ROLLUP_BUCKETS}`,
      'bucket',
    );
  }
  const metric = resolveMetric(request.metric);
  const groups: Observation[][] = Array.from({ length: n }, () => []);
  for (const o of observations) {
    if (o.eventMs < from || o.eventMs >= to || !matchesSegment(o, request.segment)) continue;
    groups[Math.floor((o.eventMs - from) / bucketMs)]?.push(o);
  }
  return groups.map((group, i): RollupPoint => {
    const startMs = from + i * bucketMs;
    switch (metric.kind) {
      case 'rate': {
        const events = group.filter((o) => metric.read(o)).length;
        return {
          startMs,
          count: group.length,
          events,
          ...(group.length ? { rate: events / group.length } : {}),
        };
      }
      case 'value': {
        const values = group
          .map((o) => metric.read(o))
          .filter((v): v is number => v !== undefined && Number.isFinite(v));
        return { startMs, count: group.length, ...summarize(values) };
      }
      case 'session': {
        const per = new Map<string, number>();
        for (const o of group) {
          const key = o.sessionId ?? `trace:${o.traceId}`;
          per.set(key, (per.get(key) ?? 0) + metric.read(o));
        }
        return { startMs, count: per.size, ...summarize([...per.values()]) };
      }
      case 'text': {
        return { startMs, count: group.filter((o) => metric.read(o) !== undefined).length };
      }
      case 'share': {
        const counts: Record<string, number> = {};
        for (const o of group)
          for (const [k, v] of Object.entries(metric.read(o))) counts[k] = (counts[k] ?? 0) + v;
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        const shares = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v / total]));
        return { startMs, count: group.length, ...(total > 0 ? { shares } : {}) };
      }
    }
  });
}
