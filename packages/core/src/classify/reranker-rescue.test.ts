import { describe, expect, it } from 'vitest';
import { findFailures } from './classify-trace.js';
import { doc, makeSpan, retrieverSpan, T0 } from '../../test/corpus/span-factory.js';

const retriever = retrieverSpan('r', 'How long do refunds take?', [
  doc('a', 'Refunds are issued within 14 days.', 0.22),
  doc('b', 'Refunds go back to the card.', 0.18),
]);
const reranker = (scores: number[], ids = ['a', 'b']) =>
  makeSpan({
    spanId: 'rr',
    name: 'rerank',
    kind: 'reranker',
    startMs: T0 + 150,
    retrievalQuery: 'How long do refunds take?',
    documents: ids.map((id, i) => doc(id, 'Refunds are issued within 14 days.', scores[i])),
  });
const lowRelevance = (spans: Parameters<typeof findFailures>[0]) =>
  findFailures(spans)
    .filter((f) => f.category === 'low_relevance')
    .map((f) => f.spanIds[0]);

describe('dropRescuedLowRelevance', () => {
  it('drops the retriever\u2019s low relevance when a later reranker rates its documents relevant', () => {
    expect(lowRelevance([retriever])).toEqual(['r']);
    expect(lowRelevance([retriever, reranker([0.91, 0.4])])).toEqual([]);
  });

  it('keeps it when the reranker is unsure, scored other documents, or agrees', () => {
    expect(lowRelevance([retriever, reranker([0.45, 0.4])])).toEqual(['r']);
    expect(lowRelevance([retriever, reranker([0.91, 0.8], ['x', 'y'])])).toEqual(['r']);
    expect(lowRelevance([retriever, reranker([0.08, 0.02])])).toEqual(['r', 'rr']);
  });
});
