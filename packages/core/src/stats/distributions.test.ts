import { describe, expect, it } from 'vitest';
import { logChoose, logGamma } from './log-gamma.js';
import { regularizedGammaP, regularizedGammaQ } from './incomplete-gamma.js';
import { normalCdf, normalQuantile, normalSf } from './normal.js';
import { chiSquareCdf, chiSquareSf } from './chi-square.js';
import { kolmogorovExactCdf, kolmogorovExactSf, kolmogorovSf } from './kolmogorov.js';
import { StatsError } from './stats-error.js';

const close = (actual: number, expected: number, rel = 1e-12): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    rel * Math.max(Math.abs(expected), 1e-300),
  );
};

describe('logGamma', () => {
  it('matches closed forms', () => {
    close(logGamma(5), Math.log(24));
    close(logGamma(0.5), 0.5 * Math.log(Math.PI)); // Γ(½) = √π
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14);
    close(logGamma(171), Math.log(7.257415615307994e306), 1e-13); // 170!
  });
  it('matches scipy.special.gammaln (scipy 1.17.1)', () => {
    close(logGamma(100.5), 361.43554046777757);
    close(logGamma(0.1), 2.252712651734206);
  });
  it('gives log binomial coefficients', () => {
    close(Math.exp(logChoose(10, 3)), 120, 1e-12);
    expect(logChoose(5, 6)).toBe(-Infinity);
  });
  it('rejects non-positive input', () => {
    expect(() => logGamma(0)).toThrow(StatsError);
    expect(() => logGamma(-1)).toThrow(/x > 0/);
  });
});

describe('incomplete gamma', () => {
  it('reduces to the exponential for a = 1', () => {
    close(regularizedGammaP(1, 2), 1 - Math.exp(-2));
    close(regularizedGammaQ(1, 2), Math.exp(-2));
    close(regularizedGammaQ(1, 50), Math.exp(-50), 1e-11);
  });
  it('P + Q = 1', () => {
    for (const [a, x] of [
      [0.5, 0.1],
      [3, 2.5],
      [10, 15],
      [40, 30],
    ] as const) {
      close(regularizedGammaP(a, x) + regularizedGammaQ(a, x), 1, 1e-14);
    }
  });
});

describe('normal', () => {
  it('matches textbook values', () => {
    close(normalCdf(1.959963984540054), 0.975, 1e-14);
    close(normalQuantile(0.975), 1.959963984540054, 1e-14);
    close(normalCdf(0), 0.5, 1e-15);
  });
  it('matches scipy.stats.norm (scipy 1.17.1) in both tails', () => {
    close(normalCdf(-5), 2.866515718791933e-7, 1e-12);
    close(normalSf(8), 6.22096057427174e-16, 1e-11);
    close(normalQuantile(1e-10), -6.361340902404056, 1e-13);
    close(normalQuantile(0.3), -0.5244005127080409, 1e-13);
  });
  it('quantile inverts cdf', () => {
    for (const p of [1e-300, 1e-12, 0.01, 0.2, 0.5, 0.77, 0.999, 1 - 1e-12]) {
      close(normalCdf(normalQuantile(p)), p, 1e-9);
    }
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(() => normalQuantile(1.5)).toThrow(StatsError);
  });
});

describe('chi-square', () => {
  it('matches the 5 % critical value for 1 df', () => {
    close(chiSquareSf(3.841458820694124, 1), 0.05, 1e-12);
    close(chiSquareCdf(3.841458820694124, 1), 0.95, 1e-12);
  });
  it('matches scipy.stats.chi2 (scipy 1.17.1)', () => {
    close(chiSquareSf(10, 4), 0.04042768199451279);
    close(chiSquareSf(100, 50), 3.454931382984871e-5, 1e-10);
    close(chiSquareCdf(0.5, 3), 0.08110858834532418);
  });
  it('df 2 is exponential with mean 2', () => {
    close(chiSquareSf(7, 2), Math.exp(-3.5));
  });
  it('rejects bad df', () => {
    expect(() => chiSquareSf(1, 0)).toThrow(/df/);
  });
});

describe('Kolmogorov distribution', () => {
  it('limit distribution matches scipy.stats.kstwobign', () => {
    close(kolmogorovSf(1.3580986393225505), 0.05, 1e-12);
    close(kolmogorovSf(0.5), 0.9639452436648751, 1e-12);
    expect(kolmogorovSf(0)).toBe(1);
  });
  it('exact small-sample matches Marsaglia-Tsang-Wang (2003) worked example', () => {
    close(kolmogorovExactCdf(10, 0.274) as number, 0.6284796154565043, 1e-12);
  });
  it('exact matches scipy.stats.kstwo (scipy 1.17.1)', () => {
    close(kolmogorovExactSf(100, 0.1), 0.2526927570063874, 1e-10);
    close(kolmogorovExactSf(2000, 0.02), 0.3953133626892045, 1e-7);
  });
  it('n = 1: D is uniform on [½, 1]', () => {
    close(kolmogorovExactCdf(1, 0.75) as number, 0.5, 1e-12);
  });
});
