import { requireFiniteArray } from './stats-error.js';

/**
 * Wasserstein-1 (earth mover's) distance between two empirical distributions:
 * ∫ |F_a(x) - F_b(x)| dx, computed exactly over the merged sorted support.
 *
 * Reference: scipy.stats.wasserstein_distance.
 *
 * @example
 * wassersteinDistance([0, 1, 3], [5, 6, 8]); // 5
 */
export function wassersteinDistance(a: readonly number[], b: readonly number[]): number {
  requireFiniteArray('a', a);
  requireFiniteArray('b', b);
  const x = a.slice().sort((p, q) => p - q);
  const y = b.slice().sort((p, q) => p - q);
  const all = [...x, ...y].sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let total = 0;
  for (let k = 0; k < all.length - 1; k++) {
    const v = all[k] as number;
    while (i < x.length && (x[i] as number) <= v) i++;
    while (j < y.length && (y[j] as number) <= v) j++;
    total += Math.abs(i / x.length - j / y.length) * ((all[k + 1] as number) - v);
  }
  return total;
}

/**
 * Wasserstein-1 distance divided by the reference's population standard deviation (floored
 * at 0.001 so a constant reference does not divide by zero), as Evidently's
 * `wasserstein_distance_norm`; drift when >= 0.1.
 *
 * @example
 * normedWasserstein(reference, current) >= 0.1;
 */
export function normedWasserstein(
  reference: readonly number[],
  current: readonly number[],
): number {
  requireFiniteArray('reference', reference);
  const mean = reference.reduce((s, v) => s + v, 0) / reference.length;
  const sd = Math.sqrt(reference.reduce((s, v) => s + (v - mean) ** 2, 0) / reference.length);
  return wassersteinDistance(reference, current) / Math.max(sd, 0.001);
}
