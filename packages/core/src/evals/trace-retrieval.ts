import type { Span } from '../model/index.js';
import { retrievalScores } from './retrieval-metrics.js';

/**
 * The ids of the documents an app retrieved in one trace, in rank order: the documents of its
 * retriever spans, earliest span first, each id once. Rerank spans are left out, since the
 * metrics judge the retriever's ranking, and so are documents recorded without an id.
 *
 * @example
 * retrievedDocumentIds(detail.spans); // ['refund-policy#0', 'shipping#2', ...]
 */
export function retrievedDocumentIds(spans: readonly Span[]): string[] {
  const ids = new Set<string>();
  const retrievers = spans
    .filter((s) => s.kind === 'retriever')
    .sort((a, b) => a.startMs - b.startMs);
  for (const span of retrievers)
    for (const doc of span.documents) if (doc.id !== undefined && doc.id !== '') ids.add(doc.id);
  return [...ids];
}

/** Whether a trace has recorded any retrieval yet (a retriever span, documents or not). */
export function hasRetrieval(spans: readonly Span[]): boolean {
  return spans.some((s) => s.kind === 'retriever');
}

/**
 * Retrieval scores of one query as named scores, next to the assertions' metrics:
 * `precision@1`, `precision@3`, `precision@5`, `recall@K`, `reciprocal-rank` (its mean over
 * queries is the MRR) and `ndcg@K`.
 *
 * @example
 * retrievalNamedScores(['d2', 'd1'], ['d1'])['reciprocal-rank']; // 0.5
 */
export function retrievalNamedScores(
  retrieved: readonly string[],
  gold: readonly string[],
  k = 5,
): Record<string, number> {
  const s = retrievalScores(retrieved, gold, k);
  return {
    'precision@1': s.precisionAt1,
    'precision@3': s.precisionAt3,
    'precision@5': s.precisionAt5,
    [`recall@${k}`]: s.recallAtK,
    'reciprocal-rank': s.reciprocalRank,
    [`ndcg@${k}`]: s.ndcgAtK,
  };
}
