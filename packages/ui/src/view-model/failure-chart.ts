import type { FailureSummaryResponse } from '@glassbox/core/api';
import { niceStep } from './time-axis.js';

/** One stacked bar segment of the failures chart, in chart units (0..1 of the plot height). */
export interface ChartSegment {
  category: string;
  count: number;
  y: number;
  height: number;
}

export interface ChartBar {
  startMs: number;
  total: number;
  segments: ChartSegment[];
}

export interface FailureChart {
  categories: string[];
  bars: ChartBar[];
  yMax: number;
  yTicks: number[];
}

/**
 * Stacks each bucket's counts per category (largest categories at the bottom, the same order
 * in every bar) and picks a nice y scale.
 *
 * @example
 * const chart = buildFailureChart(summary);
 * chart.bars[0]?.segments; // [{ category: 'timeout', count: 3, y: 0.7, height: 0.3 }, ...]
 */
export function buildFailureChart(summary: FailureSummaryResponse): FailureChart {
  const categories = Object.entries(summary.totals)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([category]) => category);
  const maxTotal = Math.max(
    0,
    ...summary.buckets.map((b) => categories.reduce((sum, c) => sum + (b.counts[c] ?? 0), 0)),
  );
  const step = maxTotal <= 5 ? 1 : niceStep(maxTotal / 4);
  const yMax = Math.max(step, Math.ceil(maxTotal / step) * step);
  const yTicks: number[] = [];
  for (let v = 0; v <= yMax; v += step) yTicks.push(v);
  const bars = summary.buckets.map((bucket) => {
    let stacked = 0;
    const segments: ChartSegment[] = [];
    for (const category of categories) {
      const count = bucket.counts[category] ?? 0;
      if (count <= 0) continue;
      stacked += count;
      segments.push({ category, count, y: 1 - stacked / yMax, height: count / yMax });
    }
    return { startMs: bucket.startMs, total: stacked, segments };
  });
  return { categories, bars, yMax, yTicks };
}
