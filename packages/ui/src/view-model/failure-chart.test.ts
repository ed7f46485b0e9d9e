import { describe, expect, it } from 'vitest';
import { buildFailureChart } from './failure-chart.js';

describe('buildFailureChart', () => {
  const chart = buildFailureChart({
    bucketMs: 3_600_000,
    buckets: [
      { startMs: 0, counts: { timeout: 2, rate_limit: 1 } },
      { startMs: 3_600_000, counts: { timeout: 1 } },
      { startMs: 7_200_000, counts: {} },
    ],
    totals: { timeout: 3, rate_limit: 1, unused: 0 },
  });

  it('orders categories by total and drops empty ones', () => {
    expect(chart.categories).toEqual(['timeout', 'rate_limit']);
  });

  it('stacks segments from the bottom on a nice scale', () => {
    expect(chart.yMax).toBe(3);
    expect(chart.yTicks).toEqual([0, 1, 2, 3]);
    const first = chart.bars[0]!;
    expect(first.total).toBe(3);
    expect(first.segments[0]).toMatchObject({ category: 'timeout', y: 1 - 2 / 3 });
    expect(first.segments[0]!.height).toBeCloseTo(2 / 3);
    expect(first.segments[1]).toMatchObject({ category: 'rate_limit', y: 0 });
    expect(chart.bars[2]!.segments).toEqual([]);
  });

  it('scales large counts to nice ticks', () => {
    const big = buildFailureChart({
      bucketMs: 1,
      buckets: [{ startMs: 0, counts: { a: 37 } }],
      totals: { a: 37 },
    });
    expect(big.yTicks).toEqual([0, 10, 20, 30, 40]);
  });

  it('handles no data', () => {
    const empty = buildFailureChart({ bucketMs: 1, buckets: [], totals: {} });
    expect(empty.bars).toEqual([]);
    expect(empty.yMax).toBe(1);
  });
});
