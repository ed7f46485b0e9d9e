import { API_ROUTES, searchParamsOf, type RouteSearchParams } from '@glassbox/core/api';
import type { ValueStatistic } from './metric-series.js';

export const METRIC_RANGES: Record<string, number> = {
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '6h': 6 * 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
};
export const METRIC_BUCKETS = ['', '10s', '1m', '5m', '15m', '1h', '1d'] as const;

/** The metrics explorer's choices, as kept in the URL. */
export interface MetricsQuery {
  metric: string;
  segment: string;
  range: string;
  /** '' lets the server pick about 60 buckets. */
  bucket: string;
  statistic: ValueStatistic;
}

/**
 * Reads the explorer's query string, defaulting to the error rate over the last hour;
 * unknown range, bucket or statistic values fall back to their defaults.
 *
 * @example
 * parseMetricsQuery('?metric=latency_ms&statistic=p95').statistic; // 'p95'
 */
export function parseMetricsQuery(search: string): MetricsQuery {
  const q = new URLSearchParams(search);
  const range = q.get('range') ?? '';
  const bucket = q.get('bucket') ?? '';
  const statistic = q.get('statistic') ?? '';
  return {
    metric: q.get('metric')?.trim() || 'error_rate',
    segment: q.get('segment')?.trim() ?? '',
    range: range in METRIC_RANGES ? range : '1h',
    bucket: (METRIC_BUCKETS as readonly string[]).includes(bucket) ? bucket : '',
    statistic: statistic === 'p50' || statistic === 'p95' ? statistic : 'mean',
  };
}

/** The explorer URL's query string for a choice (defaults left out). */
export function metricsQueryToSearch(query: MetricsQuery): string {
  const q = new URLSearchParams({ metric: query.metric });
  if (query.segment) q.set('segment', query.segment);
  if (query.range !== '1h') q.set('range', query.range);
  if (query.bucket) q.set('bucket', query.bucket);
  if (query.statistic !== 'mean') q.set('statistic', query.statistic);
  return `?${q.toString()}`;
}

/** The `/api/metrics` query for a choice, ending at `nowMs` rounded up to the minute. */
export function metricsApiQuery(
  query: MetricsQuery,
  nowMs: number,
): RouteSearchParams<typeof API_ROUTES.getMetrics> {
  const to = Math.ceil(nowMs / 60_000) * 60_000;
  return searchParamsOf(API_ROUTES.getMetrics, {
    metric: query.metric,
    from: to - (METRIC_RANGES[query.range] ?? 3_600_000),
    to,
    segment: query.segment,
    bucket: query.bucket,
  });
}
