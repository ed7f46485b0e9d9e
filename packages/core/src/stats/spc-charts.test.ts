import { describe, expect, it } from 'vitest';
import { createEwmaChart, runEwmaChart } from './ewma-chart.js';
import { createTabularCusum, runTabularCusum } from './tabular-cusum.js';
import { median, robustBaseline } from './robust-baseline.js';
import { createRng } from './prng.js';
import { StatsError } from './stats-error.js';

// Montgomery, Introduction to Statistical Quality Control, 7th ed., Table 9.1 (μ0 = 10, σ = 1).
const MONTGOMERY = [
  9.45, 7.99, 9.29, 11.66, 12.16, 10.18, 8.04, 11.46, 9.2, 10.34, 9.03, 11.47, 10.51, 9.4, 10.08,
  9.37, 10.62, 10.31, 8.52, 10.84, 10.9, 9.33, 12.29, 11.5, 10.6, 11.08, 10.38, 11.62, 11.31, 10.52,
];

function meanRunLength(
  make: () => { update(x: number): { alarm: boolean } },
  shift: number,
  runs: number,
  seed: number,
): number {
  const rng = createRng(seed);
  let total = 0;
  for (let r = 0; r < runs; r++) {
    const chart = make();
    let t = 1;
    while (!chart.update(rng.normal() + shift).alarm) t++;
    total += t;
  }
  return total / runs;
}

describe('tabular CUSUM', () => {
  it('reproduces Montgomery Example 9.1: C+ = 5.28 at period 29 with k .5, h 5', () => {
    const run = runTabularCusum(MONTGOMERY, { mean: 10, sigma: 1, h: 5 });
    expect(run.firstAlarm).toBe(28);
    expect(run.steps[28]?.upper).toBeCloseTo(5.28, 2);
    expect(run.steps[28]?.direction).toBe('up');
    expect(run.steps[27]?.upper).toBeCloseTo(4.47, 2);
  });
  it('has two-sided ARL0 near 370 and finds a 1σ shift in about 10 points (seeded simulation)', () => {
    const make = () => createTabularCusum({ mean: 0, sigma: 1 });
    const arl0 = meanRunLength(make, 0, 300, 11);
    expect(arl0).toBeGreaterThan(300);
    expect(arl0).toBeLessThan(450);
    const arl1 = meanRunLength(make, 1, 500, 12);
    expect(arl1).toBeGreaterThan(7);
    expect(arl1).toBeLessThan(11);
  });
  it('detects downward shifts and persists state', () => {
    const c = createTabularCusum({ mean: 0, sigma: 2 });
    c.update(-6);
    const restored = createTabularCusum({ mean: 0, sigma: 2 }, JSON.parse(JSON.stringify(c.state)));
    const step = restored.update(-10);
    expect(step.lower).toBeCloseTo(2.5 + 4.5, 12);
    expect(step.direction).toBe('down');
    expect(() => createTabularCusum({ mean: 0, sigma: 0 })).toThrow(/sigma/);
  });
});

describe('EWMA chart', () => {
  it('reproduces Montgomery Example 9.2 (λ .1, L 2.7): z1 = 9.945, UCL1 = 10.27, signal at period 29', () => {
    const run = runEwmaChart(MONTGOMERY, { mean: 10, sigma: 1, lambda: 0.1, L: 2.7 });
    expect(run.steps[0]?.statistic).toBeCloseTo(9.945, 10);
    expect(run.steps[0]?.upper).toBeCloseTo(10.27, 2);
    expect(run.firstAlarm).toBe(28);
  });
  it('limits widen to the asymptotic Lσ√(λ/(2-λ))', () => {
    const chart = createEwmaChart({ mean: 0, sigma: 1 });
    let last = chart.update(0);
    for (let i = 0; i < 200; i++) last = chart.update(0);
    expect(last.upper).toBeCloseTo(2.962 * Math.sqrt(0.2 / 1.8), 10);
  });
  it('defaults give ARL0 near 500 and about 10 points for a 1σ shift (seeded simulation)', () => {
    const make = () => createEwmaChart({ mean: 0, sigma: 1 });
    const arl0 = meanRunLength(make, 0, 300, 21);
    expect(arl0).toBeGreaterThan(380);
    expect(arl0).toBeLessThan(620);
    const arl1 = meanRunLength(make, 1, 500, 22);
    expect(arl1).toBeGreaterThan(7.5);
    expect(arl1).toBeLessThan(12);
  });
  it('rejects bad parameters and observations', () => {
    expect(() => createEwmaChart({ mean: 0, sigma: 1, lambda: 0 })).toThrow(/lambda/);
    expect(() => createEwmaChart({ mean: 0, sigma: 1 }).update(Number.NaN)).toThrow(/finite/);
  });
});

describe('robustBaseline', () => {
  it('uses median and 1.4826 × MAD, ignoring outliers', () => {
    const values = Array.from({ length: 101 }, (_, i) => i); // median 50, MAD 25
    values[100] = 1e9;
    const b = robustBaseline(values);
    expect(b.centre).toBe(50);
    expect(b.scale).toBeCloseTo(1.4826 * 25, 12);
    expect(b.scaleMethod).toBe('mad');
  });
  it('approximates σ for normal data', () => {
    const rng = createRng(4);
    const b = robustBaseline(Array.from({ length: 4000 }, () => 10 + 3 * rng.normal()));
    expect(b.centre).toBeCloseTo(10, 0);
    expect(Math.abs(b.scale - 3)).toBeLessThan(0.15);
  });
  it('falls back to mean absolute deviation when MAD is 0', () => {
    const values = [...Array(80).fill(5), ...Array(20).fill(7)];
    const b = robustBaseline(values);
    expect(b.scaleMethod).toBe('meanAbsoluteDeviation');
    expect(b.scale).toBeCloseTo(1.2533141373155 * 0.4, 10);
  });
  it('refuses fewer than 100 points and constant data, saying so', () => {
    expect(() => robustBaseline([1, 2, 3])).toThrow(/at least 100 points, got 3/);
    expect(() => robustBaseline(Array(100).fill(1))).toThrow(StatsError);
    expect(robustBaseline([1, 2, 3, 4], { minPoints: 4 }).centre).toBe(2.5);
    expect(median([3, 1, 2])).toBe(2);
  });
});
