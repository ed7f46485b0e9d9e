import { clippedOverlap, countItems, ngrams, treebankTokenize } from './ngrams.js';

/**
 * ROUGE-N F1 (Lin 2004) with clipped n-gram counts over Treebank tokens, so a text scores 1
 * against itself even with repeated words. Case-sensitive: lower-case both sides first for
 * the `rouge-n` assertion's behaviour.
 *
 * @example
 * rougeN('the cat sat', 'the cat sat on the mat', 1); // 2·1·0.5 / 1.5 = 0.667
 */
export function rougeN(candidate: string, reference: string, n = 1): number {
  const c = ngrams(treebankTokenize(candidate), n);
  const r = ngrams(treebankTokenize(reference), n);
  if (c.length === 0 || r.length === 0) return 0;
  const overlap = clippedOverlap(countItems(c), countItems(r));
  if (overlap === 0) return 0;
  const precision = overlap / c.length;
  const recall = overlap / r.length;
  return (2 * precision * recall) / (precision + recall);
}
