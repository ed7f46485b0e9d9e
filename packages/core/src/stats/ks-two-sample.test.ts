import { describe, expect, it } from 'vitest';
import { ksTwoSample } from './ks-two-sample.js';

const A = [
  0.61, 0.29, 0.06, 0.59, -1.73, -0.74, 0.51, -0.56, 0.39, 1.64, 0.05, -0.06, 0.64, -0.82, 0.37,
  1.77, 1.09, -1.28, 2.36, 1.31, 1.05, -0.32, -0.4, 1.06, -2.47,
];
const B = [
  2.2, 1.66, 1.38, 0.2, 0.36, 0, 0.96, 1.56, 0.44, 1.5, -0.3, 0.66, 2.31, 3.29, -0.27, -0.37, 0.38,
  0.7, 0.52, -0.2,
];
const X = Array.from({ length: 300 }, (_, i) => ((i * 7919) % 1000) / 1000);
const Y = Array.from({ length: 250 }, (_, j) => (((j * 104729) % 997) / 997) ** 1.3);

describe('ksTwoSample (reference values: scipy 1.17.1 stats.ks_2samp)', () => {
  it('exact p for completely separated samples is 2 / C(10, 5)', () => {
    const r = ksTwoSample([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    expect(r.statistic).toBe(1);
    expect(r.pValue).toBeCloseTo(2 / 252, 15);
    expect(r.method).toBe('exact');
  });
  it('matches exact and asymp on unequal sample sizes', () => {
    const exact = ksTwoSample(A, B, 'exact');
    expect(exact.statistic).toBeCloseTo(0.28, 15);
    expect(exact.pValue).toBeCloseTo(0.2933789985549772, 12);
    expect(ksTwoSample(A, B, 'asymp').pValue).toBeCloseTo(0.29590926388673755, 10);
  });
  it('handles ties like scipy', () => {
    const r = ksTwoSample([1, 2, 2, 3, 3, 3, 4], [2, 3, 3, 4, 4, 5]);
    expect(r.statistic).toBeCloseTo(0.35714285714285715, 15);
    expect(r.pValue).toBeCloseTo(0.7115384615384616, 12);
  });
  it('matches on larger samples', () => {
    const exact = ksTwoSample(X, Y);
    expect(exact.statistic).toBeCloseTo(0.10933333333333334, 14);
    expect(exact.pValue).toBeCloseTo(0.07105388529316961, 10);
    expect(ksTwoSample(X, Y, 'asymp').pValue).toBeCloseTo(0.07173568012701712, 9);
  });
  it('switches to asymp beyond 10⁷ cells', () => {
    const x = Array.from({ length: 4000 }, (_, i) => ((i * 7919) % 1000) / 1000);
    const y = Array.from({ length: 3000 }, (_, j) => (((j * 104729) % 997) / 997) ** 1.1);
    const r = ksTwoSample(x, y);
    expect(r.method).toBe('asymp');
    expect(r.statistic).toBeCloseTo(0.037, 12);
    expect(r.pValue).toBeCloseTo(0.01785841680789413, 6);
  });
  it('identical samples give p = 1; bad input is named', () => {
    expect(ksTwoSample([1, 2, 3], [1, 2, 3]).pValue).toBe(1);
    expect(() => ksTwoSample([], [1])).toThrow(/reference/);
    expect(() => ksTwoSample([1], [Number.NaN])).toThrow(/current\[0\]/);
  });
});
