import { EVAL_ERROR_CODES, EvalError } from './eval-error.js';

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1)
    throw new EvalError(EVAL_ERROR_CODES.invalidData, `k must be a positive integer, got ${k}`);
}

/**
 * Share of the first k retrieved documents that are gold (relevant). Fewer than k retrieved
 * documents still divide by k, so retrieving less is not rewarded.
 *
 * @example
 * precisionAtK(['d3', 'd1', 'd9'], ['d1', 'd2'], 3); // 1/3
 */
export function precisionAtK(
  retrieved: readonly string[],
  gold: readonly string[],
  k: number,
): number {
  checkK(k);
  const relevant = new Set(gold);
  return retrieved.slice(0, k).filter((id) => relevant.has(id)).length / k;
}

/** Share of the gold documents found in the first k retrieved (1 when there is no gold). */
export function recallAtK(
  retrieved: readonly string[],
  gold: readonly string[],
  k: number,
): number {
  checkK(k);
  const relevant = new Set(gold);
  if (relevant.size === 0) return 1;
  return new Set(retrieved.slice(0, k).filter((id) => relevant.has(id))).size / relevant.size;
}

/** Reciprocal rank of the first gold document (0 when none is retrieved). */
export function reciprocalRank(retrieved: readonly string[], gold: readonly string[]): number {
  const relevant = new Set(gold);
  const rank = retrieved.findIndex((id) => relevant.has(id));
  return rank === -1 ? 0 : 1 / (rank + 1);
}

/**
 * Normalized discounted cumulative gain at k with binary relevance: Σ 1/log2(rank + 1) over
 * gold documents in the first k, divided by the same sum for an ideal ranking.
 *
 * @example
 * ndcgAtK(['d2', 'd1'], ['d1'], 2); // (1/log2 3) / 1 ≈ 0.631
 */
export function ndcgAtK(retrieved: readonly string[], gold: readonly string[], k: number): number {
  checkK(k);
  const relevant = new Set(gold);
  if (relevant.size === 0) return 1;
  let dcg = 0;
  const seen = new Set<string>();
  retrieved.slice(0, k).forEach((id, i) => {
    if (relevant.has(id) && !seen.has(id)) dcg += 1 / Math.log2(i + 2);
    seen.add(id);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return dcg / ideal;
}

/** The retrieval metrics of one query: precision@1/3/5, recall@k, MRR term and nDCG@k. */
export interface RetrievalScores {
  precisionAt1: number;
  precisionAt3: number;
  precisionAt5: number;
  recallAtK: number;
  reciprocalRank: number;
  ndcgAtK: number;
  k: number;
}

/**
 * Every retrieval metric of one query; the mean of `reciprocalRank` over queries is the MRR.
 *
 * @example
 * retrievalScores(['d1', 'd4'], ['d1'], 5).precisionAt1; // 1
 */
export function retrievalScores(
  retrieved: readonly string[],
  gold: readonly string[],
  k = 5,
): RetrievalScores {
  return {
    precisionAt1: precisionAtK(retrieved, gold, 1),
    precisionAt3: precisionAtK(retrieved, gold, 3),
    precisionAt5: precisionAtK(retrieved, gold, 5),
    recallAtK: recallAtK(retrieved, gold, k),
    reciprocalRank: reciprocalRank(retrieved, gold),
    ndcgAtK: ndcgAtK(retrieved, gold, k),
    k,
  };
}
