import { invalid, requireCount, requireProbability } from './stats-error.js';
import { normalQuantile } from './normal.js';

export interface ProportionInterval {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * Wilson score interval for a binomial proportion:
 * (x + z²/2)/(n + z²) ± z/(n + z²) · √(x(n-x)/n + z²/4), z = Φ⁻¹(1 - α/2).
 * Unlike the Wald interval it stays inside [0, 1] and behaves at x = 0 and x = n.
 *
 * Reference: Wilson (1927), JASA 22:209; Newcombe (1998), Stat. Med. 17:857, method 3.
 *
 * @example
 * wilsonInterval(81, 263); // { estimate: 0.308, lower: 0.2553, upper: 0.3662 }
 */
export function wilsonInterval(
  successes: number,
  trials: number,
  confidence = 0.95,
): ProportionInterval {
  requireCount('trials', trials, 1);
  requireCount('successes', successes);
  if (successes > trials)
    throw invalid(`successes (${successes}) cannot exceed trials (${trials})`);
  requireProbability('confidence', confidence);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const z2 = z * z;
  const centre = (successes + z2 / 2) / (trials + z2);
  const half =
    (z / (trials + z2)) * Math.sqrt((successes * (trials - successes)) / trials + z2 / 4);
  return {
    estimate: successes / trials,
    lower: Math.max(0, centre - half),
    upper: Math.min(1, centre + half),
  };
}
