import { invalid, requireFiniteArray, StatsError } from './stats-error.js';
import { averageRanks } from './ranks.js';
import { normalSf } from './normal.js';

/**
 * Wilcoxon signed-rank test for paired scores, normal approximation with tie correction.
 * Zero differences are dropped (Wilcox method); T⁺ is the rank sum of positive differences,
 * z = (T - n(n+1)/4) / √(n(n+1)(2n+1)/24 - Σ(t³-t)/48), two-sided p = 2·P(Z > |z|).
 *
 * Reference: scipy.stats.wilcoxon(x, y, method='approx') (statistic = min(T⁺, T⁻)).
 *
 * @example
 * wilcoxonSignedRank(after, before); // { statistic, pValue, n, z }
 */
export function wilcoxonSignedRank(
  x: readonly number[],
  y?: readonly number[],
  options: { continuity?: boolean } = {},
): { statistic: number; pValue: number; n: number; z: number } {
  requireFiniteArray('x', x);
  if (y) {
    requireFiniteArray('y', y);
    if (y.length !== x.length) throw invalid(`x (${x.length}) and y (${y.length}) must be paired`);
  }
  const diffs = x.map((v, i) => v - (y ? (y[i] as number) : 0)).filter((d) => d !== 0);
  const n = diffs.length;
  if (n === 0) throw new StatsError('DEGENERATE_DATA', 'all paired differences are zero');
  const { ranks, ties } = averageRanks(diffs.map(Math.abs));
  let tPlus = 0;
  diffs.forEach((d, i) => {
    if (d > 0) tPlus += ranks[i] as number;
  });
  const tMinus = (n * (n + 1)) / 2 - tPlus;
  const statistic = Math.min(tPlus, tMinus);
  const mean = (n * (n + 1)) / 4;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - ties.reduce((s, t) => s + t ** 3 - t, 0) / 48;
  const cc = options.continuity ? 0.5 : 0;
  const z = variance > 0 ? (tPlus - mean - Math.sign(tPlus - mean) * cc) / Math.sqrt(variance) : 0;
  return { statistic, pValue: Math.min(1, 2 * normalSf(Math.abs(z))), n, z };
}
