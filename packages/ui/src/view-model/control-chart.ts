import type { ChartPoint, DetectorKind } from '@glassbox/core/detect';
import { buildLineChart, type ChartLine, type LineChart } from './line-chart.js';

/** What each detector's chart statistic is, in words for the axis and legend. */
export const STATISTIC_LABELS: Record<DetectorKind, { statistic: string; threshold: string }> = {
  bernoulli_cusum: { statistic: 'CUSUM statistic S', threshold: 'decision limit h' },
  tabular_cusum: { statistic: 'CUSUM statistic (σ units)', threshold: 'decision limit h' },
  ewma: { statistic: 'EWMA (σ from the baseline centre)', threshold: 'control limits ±L·σ' },
  share_shift: { statistic: '−log₁₀ p (chi-square)', threshold: '−log₁₀ α' },
  dominance: { statistic: 'share increase of the top source', threshold: 'minimum increase' },
  new_value: { statistic: 'requests with the new value', threshold: 'minimum count' },
  embedding_drift: { statistic: 'drop in mean cosine similarity', threshold: 'minimum drop' },
};

/** Whether a chart point is beyond its limit (two-sided for EWMA, whose centre is 0). */
export function isAlarmPoint(detector: DetectorKind, p: ChartPoint): boolean {
  return detector === 'ewma' ? Math.abs(p.statistic) >= p.threshold : p.statistic >= p.threshold;
}

/**
 * The control chart of an alert's evidence: the detector statistic with alarm points marked,
 * the limit it is compared with (per point, since EWMA limits widen at the start), and the
 * centre line: 0 for EWMA (the statistic is in σ from the baseline centre) with a mirrored
 * lower limit; for CUSUMs the statistic is compared with h and rests at 0.
 *
 * @example
 * const chart = controlChartFromEvidence('bernoulli_cusum', alert.evidence.chart, alert.onsetMs);
 * chart.lines.map((l) => l.name); // ['decision limit h', 'centre', 'CUSUM statistic S']
 */
export function controlChartFromEvidence(
  detector: DetectorKind,
  points: readonly ChartPoint[],
  onsetMs?: number,
): LineChart {
  const sorted = [...points]
    .filter((p) => Number.isFinite(p.atMs) && Number.isFinite(p.statistic))
    .sort((a, b) => a.atMs - b.atMs);
  const labels = STATISTIC_LABELS[detector];
  const limit = (sign: 1 | -1): ChartLine => ({
    name: sign === 1 ? labels.threshold : 'lower control limit',
    role: 'limit',
    points: sorted.map((p) => ({ atMs: p.atMs, value: sign * p.threshold })),
  });
  const lines: ChartLine[] = [limit(1)];
  if (detector === 'ewma') lines.push(limit(-1));
  if (detector === 'ewma' || detector.endsWith('cusum')) {
    lines.push({
      name: 'centre',
      role: 'centre',
      points: sorted.map((p) => ({ atMs: p.atMs, value: 0 })),
    });
  }
  lines.push({
    name: labels.statistic,
    role: 'data',
    points: sorted.map((p) => ({
      atMs: p.atMs,
      value: p.statistic,
      alarm: isAlarmPoint(detector, p),
    })),
  });
  const inRange =
    onsetMs !== undefined &&
    sorted.length > 0 &&
    onsetMs >= (sorted[0] as ChartPoint).atMs &&
    onsetMs <= (sorted.at(-1) as ChartPoint).atMs;
  return buildLineChart(lines, {
    includeZero: true,
    markers: inRange ? [{ atMs: onsetMs, label: 'onset' }] : [],
  });
}
