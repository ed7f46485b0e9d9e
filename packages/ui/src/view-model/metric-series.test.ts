import { describe, expect, it } from 'vitest';
import type { MetricSeries } from '@glassbox/core/api';
import { metricControlChart, metricKind } from './metric-series.js';

const base = { from: 0, to: 240_000, bucketMs: 60_000, truncated: false };

describe('metricControlChart', () => {
  it('draws a p-chart for rates with per-bucket limits and marks buckets above them', () => {
    const response: MetricSeries = {
      ...base,
      metric: 'error_rate',
      points: [
        { startMs: 0, count: 100, events: 2, rate: 0.02 },
        { startMs: 60_000, count: 100, events: 3, rate: 0.03 },
        { startMs: 120_000, count: 0, events: 0 },
        { startMs: 180_000, count: 100, events: 25, rate: 0.25 },
      ],
    };
    const chart = metricControlChart(response);
    const centre = chart.lines.find((l) => l.role === 'centre')!;
    expect(centre.points[0]!.value).toBeCloseTo(30 / 300);
    const upper = chart.lines.find((l) => l.name === 'upper control limit')!;
    const expected = 0.1 + 3 * Math.sqrt((0.1 * 0.9) / 100);
    expect(upper.points[0]!.value).toBeCloseTo(expected);
    expect(upper.points[2]!.value).toBeUndefined();
    const data = chart.lines.find((l) => l.role === 'data')!;
    expect(data.points.map((p) => p.alarm)).toEqual([false, false, false, true]);
    expect(data.points[2]!.value).toBeUndefined();
    expect([chart.xMin, chart.xMax]).toEqual([0, 240_000]);
  });

  it('draws an individuals chart of the chosen statistic for value metrics', () => {
    const p95 = [100, 110, 105, 400];
    const chart = metricControlChart(
      {
        ...base,
        metric: 'latency_ms',
        points: p95.map((v, i) => ({ startMs: i * 60_000, count: 10, p95: v, mean: 1 })),
      },
      { statistic: 'p95' },
    );
    const centre = chart.lines.find((l) => l.role === 'centre')!.points[0]!.value!;
    expect(centre).toBeCloseTo(715 / 4);
    const mr = (10 + 5 + 295) / 3;
    const upper = chart.lines.find((l) => l.name === 'upper control limit')!.points[0]!.value!;
    expect(upper).toBeCloseTo(centre + 2.66 * mr);
    const data = chart.lines.find((l) => l.role === 'data')!;
    expect(data.name).toBe('p95 of latency_ms');
    expect(data.points.map((p) => p.value)).toEqual(p95);
  });

  it('takes centre and limits from the buckets before a known change', () => {
    const response: MetricSeries = {
      ...base,
      metric: 'error_rate',
      points: [
        { startMs: 0, count: 100, events: 2, rate: 0.02 },
        { startMs: 60_000, count: 100, events: 4, rate: 0.04 },
        { startMs: 120_000, count: 100, events: 40, rate: 0.4 },
        { startMs: 180_000, count: 100, events: 50, rate: 0.5 },
      ],
    };
    const chart = metricControlChart(response, { baselineUntilMs: 120_000 });
    expect(chart.lines.find((l) => l.role === 'centre')!.points[3]!.value).toBeCloseTo(0.03);
    const data = chart.lines.find((l) => l.role === 'data')!;
    expect(data.points.map((p) => p.alarm)).toEqual([false, false, true, true]);
    // Without the change point the shift inflates p̄; with fewer than two buckets before it too.
    for (const chartOf of [
      metricControlChart(response),
      metricControlChart(response, { baselineUntilMs: 60_000 }),
    ]) {
      expect(chartOf.lines.find((l) => l.role === 'centre')!.points[0]!.value).toBeCloseTo(0.24);
    }
  });

  it("centres a rate on the detector's baseline p0 when given, not on a calm window", () => {
    // Regression: an alert said "baseline 8.27 %" beside a chart centred on 0.00 %.
    const chart = metricControlChart(
      {
        ...base,
        metric: 'error_rate',
        points: [
          { startMs: 0, count: 20, events: 0, rate: 0 },
          { startMs: 60_000, count: 20, events: 0, rate: 0 },
          { startMs: 120_000, count: 20, events: 12, rate: 0.6 },
        ],
      },
      { baselineUntilMs: 120_000, baselineRate: 0.0827 },
    );
    const centre = chart.lines.find((l) => l.role === 'centre')!;
    expect(centre.name).toBe("baseline p0 = 8.27 % (the detector's)");
    expect(centre.points.every((p) => p.value === 0.0827)).toBe(true);
    const upper = chart.lines.find((l) => l.name === 'upper control limit')!;
    expect(upper.points[0]!.value).toBeCloseTo(0.0827 + 3 * Math.sqrt((0.0827 * 0.9173) / 20));
  });

  it('sets no limits for constant values', () => {
    const chart = metricControlChart({
      ...base,
      metric: 'cost_usd',
      points: [0, 1, 2].map((i) => ({ startMs: i * 60_000, count: 5, mean: 0.0001 })),
    });
    expect(chart.lines.map((l) => l.role)).toEqual(['data']);
    expect(chart.lines[0]!.points.some((p) => p.alarm)).toBe(false);
  });

  it('draws one line per largest category for shares', () => {
    const chart = metricControlChart({
      ...base,
      metric: 'route_share',
      points: [
        { startMs: 0, count: 10, shares: { search: 0.9, refund: 0.1 } },
        { startMs: 60_000, count: 0 },
        { startMs: 120_000, count: 10, shares: { refund: 1 } },
      ],
    });
    expect(chart.lines.map((l) => l.name)).toEqual(['refund', 'search']);
    expect(chart.lines[1]!.points.map((p) => p.value)).toEqual([0.9, undefined, 0]);
  });

  it('knows metric kinds, including parameterized ones', () => {
    expect(metricKind('finding_rate:refusal')).toBe('rate');
    expect(metricKind('query')).toBe('text');
    expect(metricKind('nope')).toBeUndefined();
  });
});
