import { invalid, requireCount, requireProbability } from './stats-error.js';
import { logChoose } from './log-gamma.js';

export type Alternative = 'two-sided' | 'greater' | 'less';

/** ln P(X = k) for X ~ Binomial(n, p). */
export function binomialLogPmf(k: number, n: number, p: number): number {
  if (k < 0 || k > n) return -Infinity;
  if (p === 0) return k === 0 ? 0 : -Infinity;
  if (p === 1) return k === n ? 0 : -Infinity;
  return logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p);
}

/**
 * Exact binomial test of H0: p = p0. The two-sided p-value sums the probabilities of all
 * outcomes no more likely than the observed one (relative tolerance 1e-7), as R's
 * `binom.test` and scipy's `binomtest` do.
 *
 * @example
 * binomialTest(682, 925, 0.75).pValue; // 0.3825 (R binom.test documentation example)
 */
export function binomialTest(
  successes: number,
  trials: number,
  p0 = 0.5,
  alternative: Alternative = 'two-sided',
): { pValue: number; estimate: number } {
  requireCount('trials', trials, 1);
  requireCount('successes', successes);
  if (successes > trials)
    throw invalid(`successes (${successes}) cannot exceed trials (${trials})`);
  requireProbability('p0', p0, false);
  const pmf = (k: number): number => Math.exp(binomialLogPmf(k, trials, p0));
  let pValue = 0;
  if (alternative === 'greater') {
    for (let k = successes; k <= trials; k++) pValue += pmf(k);
  } else if (alternative === 'less') {
    for (let k = 0; k <= successes; k++) pValue += pmf(k);
  } else {
    const observed = binomialLogPmf(successes, trials, p0) + Math.log1p(1e-7);
    for (let k = 0; k <= trials; k++) {
      const lp = binomialLogPmf(k, trials, p0);
      if (lp <= observed) pValue += Math.exp(lp);
    }
  }
  return { pValue: Math.min(1, pValue), estimate: successes / trials };
}
