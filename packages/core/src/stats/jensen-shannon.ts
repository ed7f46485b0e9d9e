import { invalid, requireFiniteArray } from './stats-error.js';
import { binCounts, quantileEdges } from './binning.js';

/**
 * Jensen-Shannon distance in base 2 (in [0, 1]) between two count or probability vectors:
 * √(½ KL(p‖m) + ½ KL(q‖m)), m = ½(p + q). Inputs are normalized first.
 *
 * Reference: Lin (1991), IEEE Trans. Inf. Theory 37:145; scipy.spatial.distance.jensenshannon(p, q, base=2).
 *
 * @example
 * jensenShannonDistance([1, 0], [0, 1]); // 1
 */
export function jensenShannonDistance(p: readonly number[], q: readonly number[]): number {
  if (p.length !== q.length) throw invalid(`p (${p.length}) and q (${q.length}) differ in length`);
  requireFiniteArray('p', p);
  requireFiniteArray('q', q);
  const ps = p.reduce((s, v) => s + v, 0);
  const qs = q.reduce((s, v) => s + v, 0);
  if (!(ps > 0) || !(qs > 0)) throw invalid('both distributions need a positive total');
  let js = 0;
  p.forEach((pv, i) => {
    const a = pv / ps;
    const b = (q[i] as number) / qs;
    if (a < 0 || b < 0) throw invalid(`entry ${i} is negative`);
    const m = (a + b) / 2;
    if (a > 0) js += 0.5 * a * Math.log2(a / m);
    if (b > 0) js += 0.5 * b * Math.log2(b / m);
  });
  return Math.sqrt(Math.max(0, js));
}

/**
 * Jensen-Shannon distance of a numeric metric, binned at the reference's quantiles.
 *
 * @example
 * numericJensenShannon(reference, current) >= 0.1; // drift by REFERENCE §4
 */
export function numericJensenShannon(
  reference: readonly number[],
  current: readonly number[],
  bins = 10,
): number {
  requireFiniteArray('current', current);
  const edges = quantileEdges(reference, bins);
  return jensenShannonDistance(binCounts(reference, edges), binCounts(current, edges));
}
