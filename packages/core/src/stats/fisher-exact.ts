import { invalid, requireCount } from './stats-error.js';
import { logChoose } from './log-gamma.js';

/**
 * Fisher's exact test for a 2×2 table [[a, b], [c, d]], two-sided: the sum of hypergeometric
 * probabilities of all tables with the same margins that are no more likely than the
 * observed one (relative tolerance 1e-7, as R and scipy).
 *
 * Reference: R `fisher.test` (TeaTasting example: p = 0.4857); scipy.stats.fisher_exact.
 *
 * @example
 * fisherExact([[3, 1], [1, 3]]); // { pValue: 0.4857, oddsRatio: 9 }
 */
export function fisherExact(
  table: readonly [readonly [number, number], readonly [number, number]],
): {
  pValue: number;
  oddsRatio: number;
} {
  if (table.length !== 2 || table.some((r) => r.length !== 2))
    throw invalid('Fisher exact needs a 2×2 table');
  const [[a, b], [c, d]] = table;
  [a, b, c, d].forEach((v, i) => requireCount(`cell ${i}`, v));
  const row1 = a + b;
  const col1 = a + c;
  const total = a + b + c + d;
  const oddsRatio = b * c === 0 ? (a * d === 0 ? Number.NaN : Infinity) : (a * d) / (b * c);
  if (row1 === 0 || col1 === 0 || row1 === total || col1 === total) return { pValue: 1, oddsRatio };
  const logDenom = logChoose(total, col1);
  const logP = (x: number): number =>
    logChoose(row1, x) + logChoose(total - row1, col1 - x) - logDenom;
  const observed = logP(a) + Math.log1p(1e-7);
  let pValue = 0;
  for (let x = Math.max(0, col1 - (total - row1)); x <= Math.min(row1, col1); x++) {
    const lp = logP(x);
    if (lp <= observed) pValue += Math.exp(lp);
  }
  return { pValue: Math.min(1, pValue), oddsRatio };
}
