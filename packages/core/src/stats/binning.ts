import { invalid, requireFiniteArray, requireCount } from './stats-error.js';

/** Type-7 (R default, numpy 'linear') quantile of sorted data. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw invalid('quantile of an empty array');
  if (!(q >= 0 && q <= 1)) throw invalid(`quantile level must lie in [0, 1], got ${q}`);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
}

/**
 * Inner bin edges at the reference's 1/bins, …, (bins-1)/bins quantiles (duplicates dropped),
 * giving bins (-∞, e1], (e1, e2], …, (e_k, ∞) that hold about equal reference mass.
 *
 * @example
 * quantileEdges([1, 2, 3, 4, 5], 2); // [3]
 */
export function quantileEdges(reference: readonly number[], bins: number): number[] {
  requireFiniteArray('reference', reference);
  requireCount('bins', bins, 2);
  const sorted = reference.slice().sort((a, b) => a - b);
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const e = quantileSorted(sorted, k / bins);
    if (edges.length === 0 || e > (edges[edges.length - 1] as number)) edges.push(e);
  }
  return edges;
}

/** Counts per bin for the given inner edges (value v falls in the first bin with v <= edge). */
export function binCounts(values: readonly number[], edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const v of values) {
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v <= (edges[mid] as number)) hi = mid;
      else lo = mid + 1;
    }
    counts[lo] = (counts[lo] as number) + 1;
  }
  return counts;
}
