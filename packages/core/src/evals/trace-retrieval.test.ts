import { describe, expect, it } from 'vitest';
import { doc, makeSpan, retrieverSpan, rootSpan } from '../../test/corpus/span-factory.js';
import { hasRetrieval, retrievalNamedScores, retrievedDocumentIds } from './trace-retrieval.js';

describe('the documents an app retrieved, read from its trace', () => {
  it('takes retriever spans in start order, each id once, skipping rerankers and unnamed ones', () => {
    const spans = [
      rootSpan('q', 'a'),
      retrieverSpan('late', 'q', [doc('d3', 'x', 0.5), doc('d1', 'x', 0.4)], { startMs: 2_000 }),
      retrieverSpan('early', 'q', [doc('d1', 'x', 0.9), { content: 'no id' }], { startMs: 1_000 }),
      makeSpan({ spanId: 'rr', kind: 'reranker', documents: [doc('d9', 'x', 0.9)] }),
    ];
    expect(retrievedDocumentIds(spans)).toEqual(['d1', 'd3']);
    expect(hasRetrieval(spans)).toBe(true);
    expect(hasRetrieval([rootSpan('q', 'a')])).toBe(false);
  });

  it('names every retrieval metric, k in the names that depend on it', () => {
    expect(retrievalNamedScores(['d3', 'd1', 'd7', 'd2', 'd9'], ['d1', 'd2'], 3)).toEqual({
      'precision@1': 0,
      'precision@3': 1 / 3,
      'precision@5': 2 / 5,
      'recall@3': 0.5,
      'reciprocal-rank': 0.5,
      'ndcg@3': 1 / Math.log2(3) / (1 + 1 / Math.log2(3)),
    });
    expect(() => retrievalNamedScores([], ['d1'], 0)).toThrow(/positive integer/);
  });
});
