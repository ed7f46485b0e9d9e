import type { LatencyDistribution } from '../config/simulator-config.js';
import type { Random } from '../util/seeded-random.js';

const Z95 = 1.6448536269514722;

/**
 * Draws a delay from the lognormal with the given median and 95th percentile
 * (mu = ln median, sigma = ln(p95 / median) / z0.95), in milliseconds.
 *
 * @example sampleLatency({ medianMs: 300, p95Ms: 1200 }, rng) // ~300 half the time
 */
export function sampleLatency(distribution: LatencyDistribution, rng: Random): number {
  const { medianMs, p95Ms } = distribution;
  if (medianMs <= 0) return 0;
  const sigma = p95Ms > medianMs ? Math.log(p95Ms / medianMs) / Z95 : 0;
  // Box-Muller; 1 - u keeps the logarithm finite.
  const u1 = 1 - rng.next();
  const u2 = rng.next();
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  return Math.exp(Math.log(medianMs) + sigma * z);
}
