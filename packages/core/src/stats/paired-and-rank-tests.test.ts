import { describe, expect, it } from 'vitest';
import { mannWhitneyU } from './mann-whitney.js';
import { fisherExact } from './fisher-exact.js';
import { mcnemarExact } from './mcnemar-exact.js';
import { wilcoxonSignedRank } from './wilcoxon-signed-rank.js';
import { benjaminiHochberg, holmAdjust } from './p-adjust.js';
import { averageRanks } from './ranks.js';

const X = [
  0.61, 0.29, 0.06, 0.59, -1.73, -0.74, 0.51, -0.56, 0.39, 1.64, 0.05, -0.06, 0.64, -0.82, 0.37,
  1.77, 1.09, -1.28, 2.36, 1.31, 1.05, -0.32, -0.4, 1.06, -2.47,
];
const Y = [
  2.2, 1.66, 1.38, 0.2, 0.36, 0, 0.96, 1.56, 0.44, 1.5, -0.3, 0.66, 2.31, 3.29, -0.27, -0.37, 0.38,
  0.7, 0.52, -0.2,
];

// Reference values: scipy 1.17.1 unless stated otherwise.
describe('mannWhitneyU (asymptotic, continuity, tie correction)', () => {
  it('matches scipy without ties', () => {
    const r = mannWhitneyU(X, Y);
    expect(r.statistic).toBe(179);
    expect(r.pValue).toBeCloseTo(0.10732507423028931, 12);
    expect(r.auc).toBeCloseTo(179 / 500, 15);
  });
  it('matches scipy with ties, two- and one-sided', () => {
    const a = [1, 2, 2, 3, 3, 3, 4];
    const b = [2, 3, 3, 4, 4, 5];
    expect(mannWhitneyU(a, b).statistic).toBe(11);
    expect(mannWhitneyU(a, b).pValue).toBeCloseTo(0.15778541051796502, 12);
    expect(mannWhitneyU(a, b, 'less').pValue).toBeCloseTo(0.07889270525898251, 12);
    expect(mannWhitneyU([1, 2, 3], [4, 5, 6]).pValue).toBeCloseTo(0.08085559837005224, 12);
  });
  it('refuses all-tied data', () => {
    expect(() => mannWhitneyU([1, 1], [1, 1])).toThrow(/tied/);
  });
});

describe('fisherExact', () => {
  it("reproduces R's TeaTasting example: p = 0.4857, odds ratio 9", () => {
    const r = fisherExact([
      [3, 1],
      [1, 3],
    ]);
    expect(r.pValue).toBeCloseTo(0.48571428571428565, 13);
    expect(r.oddsRatio).toBe(9);
  });
  it('matches scipy.stats.fisher_exact', () => {
    expect(
      fisherExact([
        [8, 2],
        [1, 5],
      ]).pValue,
    ).toBeCloseTo(0.034965034965034975, 13);
    expect(
      fisherExact([
        [10, 20],
        [30, 25],
      ]).pValue,
    ).toBeCloseTo(0.07228652094198541, 12);
    expect(
      fisherExact([
        [0, 5],
        [0, 5],
      ]).pValue,
    ).toBe(1);
    expect(() =>
      fisherExact([
        [1, 2],
        [3, -1],
      ]),
    ).toThrow(/cell 3/);
  });
});

describe('mcnemarExact', () => {
  it('is the two-sided binomial test on discordant pairs', () => {
    expect(mcnemarExact(1, 8).pValue).toBeCloseTo((2 * (1 + 9)) / 512, 15);
    expect(mcnemarExact(0, 0).pValue).toBe(1);
    expect(mcnemarExact(5, 5).pValue).toBe(1);
    expect(() => mcnemarExact(-1, 2)).toThrow(/passToFail/);
  });
});

describe('wilcoxonSignedRank (normal approximation)', () => {
  it('matches scipy.stats.wilcoxon(method="approx") on paired samples', () => {
    const r = wilcoxonSignedRank(X.slice(0, 20), Y);
    expect(r.statistic).toBe(68);
    expect(r.pValue).toBeCloseTo(0.16718404068982073, 12);
  });
  it('drops zeros, corrects for ties, optional continuity', () => {
    const d = [1, 2, 2, -3, 4, 4, 4, 5, 0, -1, 6, 7];
    const r = wilcoxonSignedRank(d);
    expect(r.n).toBe(11);
    expect(r.statistic).toBe(6.5);
    expect(r.pValue).toBeCloseTo(0.018120177265672693, 12);
    expect(wilcoxonSignedRank(d, undefined, { continuity: true }).pValue).toBeCloseTo(
      0.02041861285961375,
      12,
    );
    expect(() => wilcoxonSignedRank([1, 2], [1, 2])).toThrow(/zero/);
    expect(() => wilcoxonSignedRank([1, 2], [1])).toThrow(/paired/);
  });
});

describe('p-value adjustment', () => {
  const p = [0.0001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216];
  it('Holm (hand-computed step-down)', () => {
    expect(holmAdjust(p)).toEqual(
      [0.001, 0.072, 0.312, 0.312, 0.312, 0.312, 0.312, 0.615, 0.615, 0.615].map((v) =>
        expect.closeTo(v, 12),
      ),
    );
    expect(holmAdjust([0.01, 0.04, 0.03])).toEqual(
      [0.03, 0.06, 0.06].map((v) => expect.closeTo(v, 14)),
    );
  });
  it('Benjamini-Hochberg matches scipy.stats.false_discovery_control', () => {
    expect(benjaminiHochberg(p)).toEqual(
      [0.001, 0.04, 0.084, 0.084, 0.084, 0.1, 0.1057142857142857, 0.216, 0.216, 0.216].map((v) =>
        expect.closeTo(v, 12),
      ),
    );
    expect(benjaminiHochberg([0.01, 0.04, 0.03])).toEqual(
      [0.03, 0.04, 0.04].map((v) => expect.closeTo(v, 14)),
    );
    expect(() => benjaminiHochberg([1.2])).toThrow(/p-value 0/);
  });
  it('averageRanks shares ranks among ties', () => {
    expect(averageRanks([10, 20, 20, 5])).toEqual({ ranks: [2, 3.5, 3.5, 1], ties: [2] });
  });
});
