import { describe, expect, it } from 'vitest';
import { buildLineChart, timeTicks } from './line-chart.js';

describe('buildLineChart', () => {
  it('fits nice y ticks around every finite value and zero', () => {
    const chart = buildLineChart(
      [
        {
          name: 'rate',
          role: 'data',
          points: [
            { atMs: 0, value: 0.02 },
            { atMs: 60_000, value: undefined },
            { atMs: 120_000, value: 0.17 },
          ],
        },
      ],
      { includeZero: true },
    );
    expect(chart.yMin).toBe(0);
    expect(chart.yMax).toBe(0.2);
    expect(chart.yTicks).toEqual([0, 0.05, 0.1, 0.15, 0.2]);
    expect([chart.xMin, chart.xMax]).toEqual([0, 120_000]);
  });

  it('covers negative limits and widens a flat series', () => {
    const twoSided = buildLineChart([
      {
        name: 'ewma',
        role: 'data',
        points: [
          { atMs: 0, value: -4.5 },
          { atMs: 1, value: 4.5 },
        ],
      },
    ]);
    expect(twoSided.yMin).toBeLessThanOrEqual(-4.5);
    expect(twoSided.yMax).toBeGreaterThanOrEqual(4.5);
    const flat = buildLineChart([{ name: 'x', role: 'data', points: [{ atMs: 5, value: 3 }] }]);
    expect(flat.yMax).toBeGreaterThan(flat.yMin);
    expect(flat.xMax).toBeGreaterThan(flat.xMin);
  });

  it('keeps a requested x range and the markers', () => {
    const chart = buildLineChart([], {
      xRange: [1000, 61_000],
      markers: [{ atMs: 30_000, label: 'onset' }],
    });
    expect([chart.xMin, chart.xMax]).toEqual([1000, 61_000]);
    expect(chart.markers).toHaveLength(1);
    expect(chart.yTicks.length).toBeGreaterThan(1);
  });
});

describe('timeTicks', () => {
  it('ticks at round clock times', () => {
    expect(timeTicks(90_000, 700_000, 6)).toEqual([300_000, 600_000]);
    const ticks = timeTicks(90_000, 3_700_000, 6);
    expect(ticks[0]).toBe(900_000);
    expect(ticks.every((t) => t % 900_000 === 0)).toBe(true);
  });
});
