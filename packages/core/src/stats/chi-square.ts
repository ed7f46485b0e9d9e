import { requirePositive } from './stats-error.js';
import { regularizedGammaP, regularizedGammaQ } from './incomplete-gamma.js';

/**
 * Chi-square CDF with `df` degrees of freedom: F(x) = P(df/2, x/2).
 *
 * @example
 * chiSquareCdf(3.841458820694124, 1); // 0.95
 */
export function chiSquareCdf(x: number, df: number): number {
  requirePositive('df', df);
  if (x <= 0) return 0;
  return regularizedGammaP(df / 2, x / 2);
}

/**
 * Chi-square survival function (upper-tail p-value): Q(df/2, x/2).
 *
 * @example
 * chiSquareSf(3.841458820694124, 1); // 0.05
 */
export function chiSquareSf(x: number, df: number): number {
  requirePositive('df', df);
  if (x <= 0) return 1;
  return regularizedGammaQ(df / 2, x / 2);
}
