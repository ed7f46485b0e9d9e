import type { Span } from '../model/span.js';
import type { Finding } from './failure-categories.js';

/**
 * A reranker score at or above this says a document is more likely relevant than not: the
 * decision boundary of calibrated rerankers (cross-encoder sigmoid, Cohere relevance score).
 */
export const RERANK_RELEVANT_SCORE = 0.5;

/**
 * Drops a retriever's low-relevance finding when a reranker that rescored its documents later
 * in the trace rates the best of them relevant: the retriever's scores were then on another
 * scale than the threshold assumes, and the documents the model saw were relevant.
 *
 * @example
 * dropRescuedLowRelevance(findings, spans); // without the retriever's low_relevance
 */
export function dropRescuedLowRelevance(findings: Finding[], spans: Span[]): Finding[] {
  const rerankers = spans.filter((s) => s.kind === 'reranker' && s.status !== 'error');
  if (rerankers.length === 0) return findings;
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  return findings.filter((f) => {
    if (f.category !== 'low_relevance' || f.spanIds.length !== 1) return true;
    const retriever = byId.get(f.spanIds[0]!);
    if (!retriever || retriever.kind !== 'retriever') return true;
    const ids = new Set(retriever.documents.map((d) => d.id).filter((id) => id !== undefined));
    return !rerankers.some(
      (r) =>
        r.startMs >= retriever.startMs &&
        r.documents.some(
          (d) =>
            d.id !== undefined &&
            ids.has(d.id) &&
            typeof d.score === 'number' &&
            d.score >= RERANK_RELEVANT_SCORE &&
            d.score <= 1,
        ),
    );
  });
}
