import { describe, expect, it } from 'vitest';
import { laneyPChart, pChart } from './p-chart.js';
import { createRng } from './prng.js';

describe('pChart', () => {
  it('computes centre and per-bucket 3σ limits', () => {
    const chart = pChart([5, 10, 30], [100, 200, 100]);
    const pBar = 45 / 400;
    expect(chart.centre).toBeCloseTo(pBar, 15);
    const sd = Math.sqrt((pBar * (1 - pBar)) / 200);
    expect(chart.points[1]?.upper).toBeCloseTo(pBar + 3 * sd, 14);
    expect(chart.points[2]?.outOfControl).toBe(true);
    expect(chart.points[0]?.outOfControl).toBe(false);
    expect(chart.points[0]?.lower).toBeGreaterThanOrEqual(0);
  });
  it('accepts a known centre line', () => {
    expect(pChart([1], [10], { centre: 0.2 }).points[0]?.z).toBeCloseTo(
      -0.1 / Math.sqrt(0.016),
      12,
    );
  });
  it('rejects bad buckets', () => {
    expect(() => pChart([5], [4])).toThrow(/exceeds/);
    expect(() => pChart([1, 2], [10])).toThrow(/length/);
    expect(() => pChart([], [])).toThrow(/at least one/);
    expect(() => pChart([0, 0], [10, 10])).toThrow(/centre/);
  });
});

describe('laneyPChart', () => {
  it('σ_z is the mean moving range of z over 1.128', () => {
    const events = [10, 14, 8, 12];
    const trials = [100, 120, 90, 110];
    const base = pChart(events, trials);
    const z = base.points.map((p) => p.z);
    const mr = (Math.abs(z[1]! - z[0]!) + Math.abs(z[2]! - z[1]!) + Math.abs(z[3]! - z[2]!)) / 3;
    const laney = laneyPChart(events, trials);
    expect(laney.sigmaZ).toBeCloseTo(mr / 1.128, 14);
    const w = (p: { upper: number; centre: number }) => p.upper - p.centre;
    expect(w(laney.points[1]!)).toBeCloseTo(w(base.points[1]!) * laney.sigmaZ, 12);
  });
  it('widens limits for overdispersed large buckets, cutting false alarms', () => {
    const rng = createRng(8);
    const trials = Array(60).fill(20_000) as number[];
    const events = trials.map((n) => {
      const p = 0.05 * (1 + 0.1 * rng.normal()); // between-bucket variation, not a shift
      return Math.round(n * p + Math.sqrt(n * p * (1 - p)) * rng.normal());
    });
    const plain = pChart(events, trials).points.filter((p) => p.outOfControl).length;
    const laney = laneyPChart(events, trials);
    expect(laney.sigmaZ).toBeGreaterThan(2);
    expect(plain).toBeGreaterThan(10);
    expect(laney.points.filter((p) => p.outOfControl).length).toBeLessThanOrEqual(2);
  });
  it('σ_z is near 1 for binomial data', () => {
    const rng = createRng(9);
    const trials = Array(400).fill(500) as number[];
    const events = trials.map((n) => {
      let x = 0;
      for (let i = 0; i < n; i++) if (rng.next() < 0.1) x++;
      return x;
    });
    expect(Math.abs(laneyPChart(events, trials).sigmaZ - 1)).toBeLessThan(0.1);
    expect(() => laneyPChart([1], [10])).toThrow(/two buckets/);
  });
});
