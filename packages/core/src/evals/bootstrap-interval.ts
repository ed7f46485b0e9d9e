import { createRng, quantileSorted } from '../stats/index.js';
import { EVAL_ERROR_CODES, EvalError } from './eval-error.js';

/**
 * Percentile bootstrap interval of the mean of paired differences, resampling items (so
 * repeats of one item stay together, as Miller 2024 recommends). Seeded: the same data give
 * the same interval.
 *
 * @example
 * bootstrapMeanInterval([0.1, 0.2, -0.1, 0.3], { seed: 1 }); // { low, high, mean: 0.125 }
 */
export function bootstrapMeanInterval(
  differences: readonly number[],
  options: { resamples?: number; confidence?: number; seed?: number } = {},
): { low: number; high: number; mean: number } {
  const n = differences.length;
  if (n === 0)
    throw new EvalError(EVAL_ERROR_CODES.invalidData, 'bootstrap needs at least one paired item');
  const resamples = options.resamples ?? 2000;
  const confidence = options.confidence ?? 0.95;
  const rng = createRng(options.seed ?? 0x5eed);
  const mean = differences.reduce((s, d) => s + d, 0) / n;
  const means = new Array<number>(resamples);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += differences[rng.int(n)] as number;
    means[b] = sum / n;
  }
  means.sort((a, b) => a - b);
  const tail = (1 - confidence) / 2;
  return { low: quantileSorted(means, tail), high: quantileSorted(means, 1 - tail), mean };
}
