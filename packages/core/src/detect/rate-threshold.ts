import { bernoulliCusumArl } from '../stats/bernoulli-cusum-arl.js';

const cache = new Map<string, number>();

/**
 * The smallest h (to 0.01) whose Markov-chain in-control ARL reaches `targetArl0`, found by
 * the Illinois method on log ARL, which is nearly linear in h: five to eight ARL solves
 * instead of bisection's fifteen, which matters with a chart per segment.
 */
function solve(p0: number, p1: number, targetArl0: number): number {
  const f = (h: number): number => Math.log(bernoulliCusumArl({ p0, p1, h }).arl / targetArl0);
  let lo = 0.01;
  let flo = f(lo);
  if (flo >= 0) return lo;
  let hi = 2;
  let fhi = f(hi);
  while (fhi < 0) {
    [lo, flo] = [hi, fhi];
    hi *= 2;
    if (hi > 200) throw new RangeError(`targetArl0 ${targetArl0} is out of reach`);
    fhi = f(hi);
  }
  let last = 0;
  while (hi - lo > 0.01) {
    const guess = (lo * fhi - hi * flo) / (fhi - flo);
    const h = Math.min(hi - 0.004, Math.max(lo + 0.004, guess));
    const fh = f(h);
    if (fh >= 0) {
      [hi, fhi] = [h, fh];
      if (last === 1) flo /= 2;
      last = 1;
    } else {
      [lo, flo] = [h, fh];
      if (last === -1) fhi /= 2;
      last = -1;
    }
  }
  // ARL grows with h, so rounding the reaching end up keeps ARL >= targetArl0.
  return Math.ceil(hi * 100 - 1e-9) / 100;
}

/**
 * h for one one-sided Bernoulli CUSUM chart, cached per (p0, p1, ARL0, direction) so
 * thresholds are computed when a chart arms or re-arms, never per request.
 *
 * @example
 * rateThreshold(0.2, 0.3, 2_000_000, 'up'); // ≈ 16
 */
export function rateThreshold(
  p0: number,
  p1: number,
  targetArl0: number,
  direction: 'up' | 'down',
): number {
  const key = `${p0}:${p1}:${targetArl0}:${direction}`;
  let h = cache.get(key);
  if (h === undefined) {
    h = solve(p0, p1, targetArl0);
    if (cache.size > 2000) cache.clear();
    cache.set(key, h);
  }
  return h;
}

/** How many thresholds are cached (lets tests check that ticks do not recompute them). */
export const cachedThresholds = (): number => cache.size;
