import { invalid } from './stats-error.js';
import { wilsonInterval, type ProportionInterval } from './wilson-interval.js';

/**
 * Difference of two independent proportions p1 - p2 with Newcombe's hybrid score interval:
 * the Wilson limits of each proportion combined by the square-and-add rule. It stays inside
 * [-1, 1] and behaves at 0/n and n/n, where the Wald interval collapses.
 *
 * Reference: Newcombe (1998), Stat. Med. 17:873, method 10 (Table II, 56/70 - 48/80:
 * 0.0524 to 0.3339).
 *
 * @example
 * riskDifference(56, 70, 48, 80); // { estimate: 0.2, lower: 0.0524, upper: 0.3339 }
 */
export function riskDifference(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  confidence = 0.95,
): ProportionInterval {
  const a = wilsonInterval(x1, n1, confidence);
  const b = wilsonInterval(x2, n2, confidence);
  const p1 = a.estimate;
  const p2 = b.estimate;
  const d = p1 - p2;
  if (!Number.isFinite(d)) throw invalid('risk difference needs finite proportions');
  const lower = d - Math.sqrt((p1 - a.lower) ** 2 + (b.upper - p2) ** 2);
  const upper = d + Math.sqrt((a.upper - p1) ** 2 + (p2 - b.lower) ** 2);
  return { estimate: d, lower: Math.max(-1, lower), upper: Math.min(1, upper) };
}
