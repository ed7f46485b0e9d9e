import type { Random } from '../util/seeded-random.js';
import { overlap, words } from './key-terms.js';

/**
 * The label a router/classifier would return: the one sharing most words with the input,
 * ties broken by the random source; `wrong` returns a different label (a misroute).
 *
 * @example pickLabel(['billing', 'shipping'], 'my invoice billing is wrong', rng, false) // 'billing'
 */
export function pickLabel(
  labels: readonly string[],
  input: string,
  rng: Random,
  wrong: boolean,
): string {
  const scores = labels.map((label) => overlap(words(label.replace(/[_-]/g, ' ')), input));
  const best = Math.max(...scores);
  const top = labels.filter((_, i) => scores[i] === best);
  const right = rng.pick(top);
  if (!wrong) return right;
  const others = labels.filter((l) => l !== right);
  return others.length > 0 ? rng.pick(others) : right;
}
