import { describe, expect, it } from 'vitest';
import { controlChartFromEvidence, isAlarmPoint } from './control-chart.js';

const cusum = [
  { atMs: 3000, statistic: 4.4, threshold: 4 },
  { atMs: 1000, statistic: 0, threshold: 4 },
  { atMs: 2000, statistic: 2.1, threshold: 4 },
];

describe('controlChartFromEvidence', () => {
  it('draws a CUSUM statistic against h, sorted, with alarm points marked', () => {
    const chart = controlChartFromEvidence('bernoulli_cusum', cusum, 1500);
    const data = chart.lines.find((l) => l.role === 'data')!;
    expect(data.points.map((p) => [p.atMs, p.value, p.alarm])).toEqual([
      [1000, 0, false],
      [2000, 2.1, false],
      [3000, 4.4, true],
    ]);
    const limits = chart.lines.filter((l) => l.role === 'limit');
    expect(limits).toHaveLength(1);
    expect(limits[0]!.name).toBe('decision limit h');
    expect(limits[0]!.points.every((p) => p.value === 4)).toBe(true);
    expect(chart.lines.find((l) => l.role === 'centre')?.points[0]?.value).toBe(0);
    expect(chart.markers).toEqual([{ atMs: 1500, label: 'onset' }]);
    expect(chart.yMin).toBe(0);
    expect(chart.yMax).toBeGreaterThanOrEqual(4.4);
  });

  it('mirrors EWMA limits below the centre and marks alarms on both sides', () => {
    const chart = controlChartFromEvidence('ewma', [
      { atMs: 1, statistic: 0.5, threshold: 3 },
      { atMs: 2, statistic: -3.2, threshold: 3.1 },
    ]);
    const limits = chart.lines.filter((l) => l.role === 'limit');
    expect(limits.map((l) => l.points.map((p) => p.value))).toEqual([
      [3, 3.1],
      [-3, -3.1],
    ]);
    expect(chart.lines.find((l) => l.role === 'data')!.points.map((p) => p.alarm)).toEqual([
      false,
      true,
    ]);
    expect(chart.yMin).toBeLessThanOrEqual(-3.2);
  });

  it('has no centre line for test statistics, and drops an onset outside the data', () => {
    const chart = controlChartFromEvidence(
      'share_shift',
      [{ atMs: 10, statistic: 9, threshold: 4 }],
      99,
    );
    expect(chart.lines.map((l) => l.role)).toEqual(['limit', 'data']);
    expect(chart.markers).toEqual([]);
  });

  it('judges alarm points one- or two-sided', () => {
    expect(isAlarmPoint('tabular_cusum', { atMs: 0, statistic: -12, threshold: 11 })).toBe(false);
    expect(isAlarmPoint('ewma', { atMs: 0, statistic: -12, threshold: 11 })).toBe(true);
  });
});
