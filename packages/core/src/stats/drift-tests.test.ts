import { describe, expect, it } from 'vitest';
import { chiSquareContingency, chiSquareHomogeneity } from './chi-square-test.js';
import { psi, psiFromCounts } from './psi.js';
import { jensenShannonDistance, numericJensenShannon } from './jensen-shannon.js';
import { normedWasserstein, wassersteinDistance } from './wasserstein.js';
import { binCounts, quantileEdges, quantileSorted } from './binning.js';
import { createRng } from './prng.js';

// Reference values computed with scipy 1.17.1 unless stated otherwise.
describe('chi-square tests', () => {
  it('2×2 without Yates matches scipy chi2_contingency(correction=False)', () => {
    const r = chiSquareContingency([
      [10, 20],
      [30, 40],
    ]);
    expect(r.statistic).toBeCloseTo(0.7936507936507936, 13);
    expect(r.pValue).toBeCloseTo(0.37299848361348686, 12);
    expect(r.df).toBe(1);
  });
  it('3×4 table', () => {
    const r = chiSquareContingency([
      [12, 5, 7, 9],
      [8, 15, 6, 2],
      [3, 4, 10, 11],
    ]);
    expect(r.statistic).toBeCloseTo(21.661171835658635, 12);
    expect(r.pValue).toBeCloseTo(0.0013944749228448666, 12);
    expect(r.df).toBe(6);
  });
  it('homogeneity over category maps drops empty categories and fills missing ones', () => {
    const r = chiSquareHomogeneity(
      { stop: 90, length: 10, tool_calls: 0 },
      { stop: 70, length: 30 },
    );
    expect(r.statistic).toBeCloseTo(12.5, 12);
    expect(r.pValue).toBeCloseTo(0.00040695201744495946, 12);
    expect(r.categories).toEqual(['length', 'stop', 'tool_calls']);
  });
  it('rejects malformed tables', () => {
    expect(() => chiSquareContingency([[1, 2], [3]])).toThrow(/row 1/);
    expect(() =>
      chiSquareContingency([
        [1, -2],
        [3, 4],
      ]),
    ).toThrow(/cell \[0\]\[1\]/);
    expect(() =>
      chiSquareContingency([
        [1, 2],
        [0, 0],
      ]),
    ).toThrow(/two non-empty/);
  });
});

describe('binning', () => {
  it('uses type-7 quantiles (numpy default: [1.9, 3.25, 5.5, 9.1] for 1..10)', () => {
    const s = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect([0.1, 0.25, 0.5, 0.9].map((q) => quantileSorted(s, q))).toEqual(
      [1.9, 3.25, 5.5, 9.1].map((v) => expect.closeTo(v, 12)),
    );
    expect(quantileEdges([1, 1, 1, 1, 2], 4)).toEqual([1]);
    expect(binCounts([0, 1, 1.5, 3], [1, 2])).toEqual([2, 1, 1]);
  });
});

describe('PSI', () => {
  it('follows the formula, with ε for empty bins', () => {
    const expected = (0.4 - 0.5) * Math.log(0.4 / 0.5) + (0.6 - 0.5) * Math.log(0.6 / 0.5);
    expect(psiFromCounts([50, 50], [40, 60]).value).toBeCloseTo(expected, 14);
    const withEmpty = psiFromCounts([100, 0], [90, 10]);
    expect(withEmpty.value).toBeCloseTo(
      (0.9 - 1) * Math.log(0.9) + (0.1 - 1e-4) * Math.log(0.1 / 1e-4),
      12,
    );
    expect(withEmpty.level).toBe('alert');
  });
  it('is near 0 for the same distribution and grows with a shift', () => {
    const rng = createRng(1);
    const ref = Array.from({ length: 2000 }, () => rng.normal());
    const same = Array.from({ length: 2000 }, () => rng.normal());
    const shifted = Array.from({ length: 2000 }, () => rng.normal() + 0.5);
    const r0 = psi(ref, same);
    expect(r0.level).toBe('none');
    expect(r0.edges).toHaveLength(9);
    expect(psi(ref, shifted).value).toBeGreaterThan(0.2);
  });
  it('rejects mismatched bins', () => {
    expect(() => psiFromCounts([1, 2], [1])).toThrow(/differ/);
    expect(() => psiFromCounts([0, 0], [1, 1])).toThrow(/positive total/);
  });
});

describe('Jensen-Shannon distance (base 2)', () => {
  it('matches scipy.spatial.distance.jensenshannon(base=2)', () => {
    expect(jensenShannonDistance([0.1, 0.2, 0.7], [0.3, 0.3, 0.4])).toBeCloseTo(
      0.2736668758986993,
      14,
    );
    expect(jensenShannonDistance([1, 2, 3, 0], [0, 2, 2, 5])).toBeCloseTo(0.6393161001457365, 14);
  });
  it('is 0 for identical and 1 for disjoint supports', () => {
    expect(jensenShannonDistance([1, 0], [0, 1])).toBeCloseTo(1, 15);
    expect(jensenShannonDistance([2, 3], [4, 6])).toBe(0);
    const rng = createRng(2);
    const ref = Array.from({ length: 1000 }, () => rng.normal());
    expect(
      numericJensenShannon(
        ref,
        ref.map((v) => v + 3),
      ),
    ).toBeGreaterThan(0.8);
    expect(() => jensenShannonDistance([1], [1, 2])).toThrow(/length/);
  });
});

describe('Wasserstein-1', () => {
  it('matches scipy.stats.wasserstein_distance', () => {
    expect(wassersteinDistance([0, 1, 3], [5, 6, 8])).toBeCloseTo(5, 14);
    expect(wassersteinDistance([3.4, 3.9, 7.5, 7.8], [4.5, 1.4])).toBeCloseTo(2.7, 14);
    expect(
      wassersteinDistance([0.61, 0.29, 0.06, 0.59, -1.73], [2.2, 1.66, 1.38, 0.2]),
    ).toBeCloseTo(1.396, 13);
  });
  it('normed by the reference population std equals the mean shift in sd units', () => {
    const ref = [1, 2, 3, 4, 5];
    const sd = Math.sqrt(2);
    expect(
      normedWasserstein(
        ref,
        ref.map((v) => v + 0.5),
      ),
    ).toBeCloseTo(0.5 / sd, 14);
    expect(normedWasserstein([2, 2, 2], [2.001, 2.001])).toBeCloseTo(1, 10);
  });
});
