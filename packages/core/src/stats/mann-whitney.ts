import { requireFiniteArray, StatsError } from './stats-error.js';
import { averageRanks } from './ranks.js';
import { normalSf } from './normal.js';
import type { Alternative } from './binomial-test.js';

export interface MannWhitneyResult {
  /** U for the first sample: R₁ - n₁(n₁+1)/2 (scipy's statistic). */
  readonly statistic: number;
  readonly pValue: number;
  /** U / (n₁n₂) = P(X > Y) + ½P(X = Y), i.e. the ROC AUC of scoring x above y. */
  readonly auc: number;
}

/**
 * Mann-Whitney U test with the normal approximation, tie correction and continuity
 * correction: σ² = n₁n₂/12 · ((n+1) - Σ(t³-t)/(n(n-1))), z = (|U - n₁n₂/2| - ½)/σ.
 *
 * Reference: scipy.stats.mannwhitneyu(x, y, method='asymptotic', use_continuity=True).
 *
 * @example
 * mannWhitneyU([1, 2, 3], [4, 5, 6]); // { statistic: 0, pValue: 0.0809, auc: 0 }
 */
export function mannWhitneyU(
  x: readonly number[],
  y: readonly number[],
  alternative: Alternative = 'two-sided',
  continuity = true,
): MannWhitneyResult {
  requireFiniteArray('x', x);
  requireFiniteArray('y', y);
  const n1 = x.length;
  const n2 = y.length;
  const n = n1 + n2;
  const { ranks, ties } = averageRanks([...x, ...y]);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i] as number;
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const mu = (n1 * n2) / 2;
  const tieTerm = ties.reduce((s, t) => s + t ** 3 - t, 0);
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (!(variance > 0))
    throw new StatsError('DEGENERATE_DATA', 'all values are tied; Mann-Whitney is undefined');
  const sd = Math.sqrt(variance);
  const cc = continuity ? 0.5 : 0;
  let pValue: number;
  if (alternative === 'two-sided') {
    pValue = Math.min(1, 2 * normalSf((Math.abs(u1 - mu) - cc) / sd));
  } else if (alternative === 'greater') {
    pValue = normalSf((u1 - mu - cc) / sd);
  } else {
    pValue = normalSf((mu - u1 - cc) / sd);
  }
  return { statistic: u1, pValue, auc: u1 / (n1 * n2) };
}
