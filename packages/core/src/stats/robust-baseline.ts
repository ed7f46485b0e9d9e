import { requireFiniteArray, StatsError } from './stats-error.js';

export interface RobustBaseline {
  /** Median of the reference values. */
  readonly centre: number;
  /** Robust standard deviation: 1.4826 × MAD, or 1.2533 × mean absolute deviation if MAD is 0. */
  readonly scale: number;
  readonly n: number;
  readonly scaleMethod: 'mad' | 'meanAbsoluteDeviation';
}

/** Median of a numeric array (average of the two middle values for even length). */
export function median(xs: readonly number[]): number {
  requireFiniteArray('values', xs);
  const s = xs.slice().sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * Robust location and scale for control charts: median and MAD × 1.4826 (consistent for the
 * normal σ). A few outliers in the reference window then cannot inflate the limits. When
 * more than half the values are equal (MAD = 0, common for discrete judge scores) the scale
 * falls back to 1.2533 × mean absolute deviation from the median (also normal-consistent).
 * Refuses fewer than `minPoints` (default 100) values.
 *
 * Reference: Rousseeuw & Croux (1993), JASA 88:1273; Iglewicz & Hoaglin (1993).
 *
 * @example
 * const b = robustBaseline(latenciesLastWeek); // { centre: 812, scale: 95.3, n: 5000, scaleMethod: 'mad' }
 */
export function robustBaseline(
  values: readonly number[],
  options: { minPoints?: number } = {},
): RobustBaseline {
  const minPoints = options.minPoints ?? 100;
  if (values.length < minPoints) {
    throw new StatsError(
      'INSUFFICIENT_DATA',
      `a robust baseline needs at least ${minPoints} points, got ${values.length}`,
    );
  }
  requireFiniteArray('values', values);
  const centre = median(values);
  const deviations = values.map((x) => Math.abs(x - centre));
  const mad = median(deviations);
  if (mad > 0) return { centre, scale: 1.4826 * mad, n: values.length, scaleMethod: 'mad' };
  const meanAd = deviations.reduce((s, d) => s + d, 0) / deviations.length;
  if (meanAd === 0) {
    throw new StatsError(
      'DEGENERATE_DATA',
      'all baseline values are identical; no scale can be estimated',
    );
  }
  return {
    centre,
    scale: 1.2533141373155 * meanAd,
    n: values.length,
    scaleMethod: 'meanAbsoluteDeviation',
  };
}
