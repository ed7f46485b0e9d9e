import { EVAL_ERROR_CODES, EvalError } from './eval-error.js';
import { clippedOverlap, countItems, ngrams } from './ngrams.js';

const WEIGHTS = [0.25, 0.25, 0.25, 0.25] as const;

/**
 * Sentence BLEU (Papineni et al. 2002) of a candidate against one or more references:
 * lower-cased whitespace tokens, clipped n-gram precisions for n = 1..4 (orders the
 * candidate is too short for are left out and the weights renormalized; a zero precision is
 * smoothed to 1e-7), geometric mean times the brevity penalty against the closest reference
 * length (the shorter on ties). 0 for an empty candidate.
 *
 * @example
 * bleu('the cat is on the mat', ['the cat is on the mat']); // 1
 */
export function bleu(candidate: string, references: readonly string[]): number {
  if (references.length === 0) {
    throw new EvalError(EVAL_ERROR_CODES.invalidAssertion, 'BLEU needs at least one reference');
  }
  if (candidate.trim() === '') return 0;
  const words = tokenize(candidate);
  const refs = references.map(tokenize);
  const closest = refs
    .map((r) => r.length)
    .reduce((best, length) => {
      const d = Math.abs(length - words.length);
      const dBest = Math.abs(best - words.length);
      return d < dBest || (d === dBest && length < best) ? length : best;
    });
  let weighted = 0;
  let weightSum = 0;
  const orders: { precision: number; weight: number }[] = [];
  for (let n = 1; n <= 4; n++) {
    const grams = ngrams(words, n);
    if (grams.length === 0) continue;
    const counts = countItems(grams);
    const best = Math.max(...refs.map((r) => clippedOverlap(counts, countItems(ngrams(r, n)))));
    orders.push({ precision: best / grams.length, weight: WEIGHTS[n - 1] as number });
  }
  for (const o of orders) weightSum += o.weight;
  if (weightSum === 0) return 0;
  for (const o of orders)
    weighted += (o.weight / weightSum) * Math.log(o.precision === 0 ? 1e-7 : o.precision);
  const brevity = words.length > closest ? 1 : Math.exp(1 - closest / words.length);
  return brevity * Math.exp(weighted);
}

function tokenize(text: string): string[] {
  return text.toLowerCase().trim().split(/\s+/);
}
