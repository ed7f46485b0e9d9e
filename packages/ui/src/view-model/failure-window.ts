import { TIME_RANGES, type TimeRange } from './trace-filters.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The longest window the Failures page opens on by itself. */
export const MAX_DEFAULT_WINDOW_MS = 30 * DAY_MS;

/** Bucket sizes the Failures chart uses, smallest first. */
const BUCKETS_MS = [5 * 60_000, HOUR_MS, 6 * HOUR_MS, DAY_MS];
/** The most buckets a window is drawn with before a coarser bucket is chosen. */
const MAX_BUCKETS = 120;

/** A window of the Failures page: absolute bounds (to exclusive) and its bucket size. */
export interface FailureWindow {
  from: number;
  to: number;
  bucketMs: number;
}

/** The smallest bucket that draws `spanMs` in at most MAX_BUCKETS bars. */
export function bucketFor(spanMs: number): number {
  return BUCKETS_MS.find((b) => spanMs / b <= MAX_BUCKETS) ?? DAY_MS;
}

/**
 * The window the Failures page opens on when the URL names none: from the oldest trace (at
 * most 30 days before the newest) to just after the newest, aligned to whole buckets, so a
 * demo whose data spans weeks, or lies in the past, shows all of it. Undefined without data.
 *
 * @example
 * dataWindow({ firstMs: Date.parse('2025-01-01'), lastMs: Date.parse('2025-01-20') });
 * // { from: 2025-01-01, to: 2025-01-21, bucketMs: 6 h }
 */
export function dataWindow(extent: {
  firstMs?: number;
  lastMs?: number;
}): FailureWindow | undefined {
  const { firstMs, lastMs } = extent;
  if (firstMs === undefined || lastMs === undefined) return undefined;
  const start = Math.max(firstMs, lastMs - MAX_DEFAULT_WINDOW_MS);
  const bucketMs = bucketFor(lastMs - start + 1);
  const from = Math.floor(start / bucketMs) * bucketMs;
  const to = (Math.floor(lastMs / bucketMs) + 1) * bucketMs;
  return { from, to, bucketMs };
}

/** What the Failures page's URL says: a relative preset, an absolute window, or nothing. */
export type FailureRangeParam =
  | { kind: 'preset'; range: TimeRange }
  | { kind: 'window'; from: number; to: number }
  | { kind: 'none' };

const instant = (value: string | null): number | undefined => {
  if (!value) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
};

/**
 * Reads `?range=7d` or `?from=…&to=…` (epoch ms or ISO 8601, to after from); anything else
 * is `none`, so the page falls back to the data's window.
 *
 * @example
 * parseFailureRange('?from=2025-01-01T00:00:00Z&to=2025-01-08T00:00:00Z').kind; // 'window'
 */
export function parseFailureRange(search: string): FailureRangeParam {
  const params = new URLSearchParams(search);
  const range = params.get('range');
  if (range && range in TIME_RANGES) return { kind: 'preset', range: range as TimeRange };
  const from = instant(params.get('from'));
  const to = instant(params.get('to'));
  if (from !== undefined && to !== undefined && to > from) return { kind: 'window', from, to };
  return { kind: 'none' };
}

/** The URL query string of an absolute window, ISO 8601 so a reader can tell the dates. */
export function windowToSearch(window: { from: number; to: number }): string {
  const params = new URLSearchParams({
    from: new Date(window.from).toISOString(),
    to: new Date(window.to).toISOString(),
  });
  return `?${params.toString()}`;
}
