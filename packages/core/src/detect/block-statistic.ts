import { quantileSorted } from '../stats/binning.js';

/** How a block of requests is summarized before charting: mean, median or 95th percentile. */
export type BlockStatistic = 'mean' | 'p50' | 'p95';

/**
 * Summary of one block of values, optionally on the log scale (latency and cost are
 * right-skewed; their logs are near-normal, which the chart limits assume).
 *
 * @example
 * blockValue([100, 120, 900], 'p50', false); // 120
 */
export function blockValue(
  values: readonly number[],
  statistic: BlockStatistic,
  log: boolean,
): number {
  const xs = (log ? values.map((v) => Math.log1p(Math.max(0, v))) : values.slice()).sort(
    (a, b) => a - b,
  );
  if (statistic === 'mean') return xs.reduce((a, b) => a + b, 0) / xs.length;
  return quantileSorted(xs, statistic === 'p50' ? 0.5 : 0.95);
}
