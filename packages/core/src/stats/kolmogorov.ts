import { invalid, requireCount } from './stats-error.js';

/**
 * Survival function of the limiting Kolmogorov distribution (scipy `kstwobign.sf`):
 * P(K > x) = 2 Σ_{k≥1} (-1)^{k-1} e^{-2k²x²}; for small x the complementary Jacobi form
 * P(K ≤ x) = (√(2π)/x) Σ_{k≥1} e^{-(2k-1)²π²/(8x²)} converges faster.
 *
 * Reference: Kolmogorov (1933); Marsaglia, Tsang & Wang (2003), J. Stat. Softw. 8(18).
 *
 * @example
 * kolmogorovSf(1.3580986393225505); // 0.05
 */
export function kolmogorovSf(x: number): number {
  if (Number.isNaN(x)) throw invalid('kolmogorovSf got NaN');
  if (x <= 0) return 1;
  if (x < 1) {
    let cdf = 0;
    for (let k = 1; k <= 20; k++) {
      cdf += Math.exp((-((2 * k - 1) ** 2) * Math.PI ** 2) / (8 * x * x));
    }
    return 1 - (Math.sqrt(2 * Math.PI) / x) * cdf;
  }
  let sf = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * x * x);
    sf += (k % 2 === 1 ? 2 : -2) * term;
    if (term < 1e-300) break;
  }
  return Math.min(1, Math.max(0, sf));
}

/** Largest matrix order the exact method will build (keeps cost to a few milliseconds). */
const MAX_EXACT_ORDER = 301;

function matMul(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const c = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k] as number;
      if (aik === 0) continue;
      for (let j = 0; j < m; j++)
        c[i * m + j] = (c[i * m + j] as number) + aik * (b[k * m + j] as number);
    }
  }
  return c;
}

/**
 * Exact CDF of the one-sample two-sided Kolmogorov statistic, P(D_n < d), by the
 * Marsaglia-Tsang-Wang (2003) matrix-power method with exponent scaling. Returns `undefined`
 * when the matrix would be too large (k = ⌊nd⌋+1 > 151); callers then fall back to the limit.
 *
 * @example
 * kolmogorovExactCdf(10, 0.274); // ≈ 0.6284796154565043 (MTW 2003, §4 example)
 */
export function kolmogorovExactCdf(n: number, d: number): number | undefined {
  requireCount('n', n, 1);
  if (!(d >= 0 && d <= 1)) throw invalid(`d must lie in [0, 1], got ${d}`);
  if (d === 0) return 0;
  if (d * n <= 0.5) return 0;
  if (d >= 1) return 1;
  const k = Math.floor(n * d) + 1;
  const m = 2 * k - 1;
  if (m > MAX_EXACT_ORDER) return undefined;
  const h = k - n * d;
  const H = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) H[i * m + j] = i - j + 1 >= 0 ? 1 : 0;
  for (let i = 0; i < m; i++) {
    H[i * m] = (H[i * m] as number) - h ** (i + 1);
    H[(m - 1) * m + i] = (H[(m - 1) * m + i] as number) - h ** (m - i);
  }
  H[(m - 1) * m] = (H[(m - 1) * m] as number) + (2 * h - 1 > 0 ? (2 * h - 1) ** m : 0);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      if (i - j + 1 > 0) {
        for (let g = 1; g <= i - j + 1; g++) H[i * m + j] = (H[i * m + j] as number) / g;
      }
    }
  }
  // Power by squaring, keeping a base-10^140 exponent so entries neither overflow nor vanish.
  let result: Float64Array | undefined;
  let resultExp = 0;
  let base: Float64Array = H;
  let baseExp = 0;
  let e = n;
  while (e > 0) {
    if (e & 1) {
      if (result === undefined) {
        result = base.slice();
        resultExp = baseExp;
      } else {
        result = matMul(result, base, m);
        resultExp += baseExp;
        if ((result[(k - 1) * m + k - 1] as number) > 1e140) {
          for (let i = 0; i < m * m; i++) result[i] = (result[i] as number) * 1e-140;
          resultExp += 140;
        }
      }
    }
    e = Math.floor(e / 2);
    if (e > 0) {
      base = matMul(base, base, m);
      baseExp *= 2;
      if ((base[(k - 1) * m + k - 1] as number) > 1e140) {
        for (let i = 0; i < m * m; i++) base[i] = (base[i] as number) * 1e-140;
        baseExp += 140;
      }
    }
  }
  let s = (result as Float64Array)[(k - 1) * m + k - 1] as number;
  for (let i = 1; i <= n; i++) {
    s = (s * i) / n;
    if (s < 1e-140) {
      s *= 1e140;
      resultExp -= 140;
    }
  }
  return Math.min(1, Math.max(0, s * 10 ** resultExp));
}

/**
 * P(D_n ≥ d) for the one-sample two-sided Kolmogorov statistic (scipy `kstwo.sf`): exact
 * when feasible, otherwise the limiting distribution at √n·d.
 *
 * @example
 * kolmogorovExactSf(10, 0.274); // ≈ 0.3715
 */
export function kolmogorovExactSf(n: number, d: number): number {
  const cdf = kolmogorovExactCdf(n, d);
  if (cdf === undefined) return kolmogorovSf(Math.sqrt(n) * d);
  return Math.min(1, Math.max(0, 1 - cdf));
}
