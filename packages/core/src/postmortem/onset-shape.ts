import type { RatePoint } from './postmortem.js';
import type { TraceRow } from './postmortem-evidence.js';
import { isAffected } from './incident-categories.js';

/** Buckets of the failure-rate series over the whole window. */
const BUCKETS = 24;
/** An incident is acute when the first post-onset buckets already reach this share of the peak. */
const ACUTE_SHARE_OF_PEAK = 0.6;
const ACUTE_BUCKETS = 2;

/** Affected traces per time bucket from `fromMs` to `toMs`. */
export function rateSeries(
  traces: readonly TraceRow[],
  categories: readonly string[],
  fromMs: number,
  toMs: number,
): RatePoint[] {
  const wanted = new Set(categories);
  const bucketMs = Math.max(1, Math.ceil((toMs - fromMs) / BUCKETS));
  const points: RatePoint[] = Array.from({ length: BUCKETS }, (_, i) => ({
    startMs: fromMs + i * bucketMs,
    traces: 0,
    affected: 0,
  }));
  for (const trace of traces) {
    const point = points[Math.floor((trace.startMs - fromMs) / bucketMs)];
    if (!point) continue;
    point.traces++;
    if (isAffected(trace, wanted)) point.affected++;
  }
  return points;
}

/**
 * Acute (a step at the onset) or drift (a gradual rise), from the series after the onset:
 * acute when the first buckets already reach most of the peak failure rate.
 */
export function onsetShape(
  series: readonly RatePoint[],
  onsetMs: number,
): 'acute' | 'drift' | 'unknown' {
  const after = series.filter((p) => p.startMs + bucketWidth(series) > onsetMs && p.traces > 0);
  const rates = after.map((p) => p.affected / p.traces);
  const peak = Math.max(0, ...rates);
  if (after.length < ACUTE_BUCKETS + 1 || peak === 0) return 'unknown';
  const early = Math.max(...rates.slice(0, ACUTE_BUCKETS));
  return early >= ACUTE_SHARE_OF_PEAK * peak ? 'acute' : 'drift';
}

function bucketWidth(series: readonly RatePoint[]): number {
  return series.length > 1 ? series[1]!.startMs - series[0]!.startMs : 1;
}
