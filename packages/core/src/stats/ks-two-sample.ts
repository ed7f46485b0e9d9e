import { invalid, requireFiniteArray } from './stats-error.js';
import { kolmogorovExactSf } from './kolmogorov.js';

export type KsMethod = 'auto' | 'exact' | 'asymp';

export interface KsResult {
  /** D = sup |F_ref(x) - F_cur(x)|. */
  readonly statistic: number;
  readonly pValue: number;
  readonly method: 'exact' | 'asymp';
}

/** Largest n1·n2 grid the exact lattice-path method walks in 'auto' mode. */
const MAX_AUTO_CELLS = 10_000_000;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** D statistic of two sorted samples, stepping past ties on both sides together. */
function ksStatistic(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length && j < b.length) {
    const x = Math.min(a[i] as number, b[j] as number);
    while (i < a.length && a[i] === x) i++;
    while (j < b.length && b[j] === x) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  return d;
}

/**
 * P(D ≥ h/lcm) under H0 by counting monotone lattice paths from (0,0) to (m,n) that leave
 * the band |i·n - j·m| < h·gcd; fractions are carried instead of counts so nothing overflows.
 */
function exactTwoSidedP(m: number, n: number, h: number, g: number): number {
  const limit = h * g;
  const row = new Float64Array(n + 1);
  for (let j = 0; j <= n; j++)
    row[j] = Math.abs(-j * m) < limit ? (j === 0 ? 1 : (row[j - 1] as number)) : 0;
  for (let i = 1; i <= m; i++) {
    row[0] = Math.abs(i * n) < limit ? (row[0] as number) : 0;
    for (let j = 1; j <= n; j++) {
      row[j] =
        Math.abs(i * n - j * m) < limit
          ? ((row[j] as number) * i + (row[j - 1] as number) * j) / (i + j)
          : 0;
    }
  }
  return Math.min(1, Math.max(0, 1 - (row[n] as number)));
}

/**
 * Two-sample two-sided Kolmogorov-Smirnov test, following scipy.stats.ks_2samp:
 * 'exact' counts lattice paths (Hodges 1958); 'asymp' uses the one-sample Kolmogorov
 * distribution at n_e = round(m·n/(m+n)) (scipy `kstwo.sf(D, round(en))`). 'auto' is exact
 * while m·n ≤ 10⁷ (scipy's cut-off is max(m, n) ≤ 10 000).
 *
 * @example
 * ksTwoSample([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]); // { statistic: 1, pValue: 0.00794, method: 'exact' }
 */
export function ksTwoSample(
  reference: readonly number[],
  current: readonly number[],
  method: KsMethod = 'auto',
): KsResult {
  requireFiniteArray('reference', reference);
  requireFiniteArray('current', current);
  if (method !== 'auto' && method !== 'exact' && method !== 'asymp')
    throw invalid(`unknown KS method ${String(method)}`);
  const a = reference.slice().sort((x, y) => x - y);
  const b = current.slice().sort((x, y) => x - y);
  const m = a.length;
  const n = b.length;
  let d = ksStatistic(a, b);
  const useExact = method === 'exact' || (method === 'auto' && m * n <= MAX_AUTO_CELLS);
  if (useExact) {
    const g = gcd(m, n);
    const lcm = (m / g) * n;
    const h = Math.round(d * lcm);
    d = h / lcm;
    return { statistic: d, pValue: h === 0 ? 1 : exactTwoSidedP(m, n, h, g), method: 'exact' };
  }
  const en = (m * n) / (m + n);
  return { statistic: d, pValue: kolmogorovExactSf(Math.round(en), d), method: 'asymp' };
}
