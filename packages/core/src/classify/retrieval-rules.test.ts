import { describe, expect, it } from 'vitest';
import { classifySpan } from './classify-span.js';
import { doc, makeSpan, retrieverSpan } from '../../test/corpus/span-factory.js';
import { isCutChunk } from './retrieval-rules.js';
import { resolveThresholds } from './thresholds.js';

const find = (s: Parameters<typeof classifySpan>[0]) => classifySpan(s, resolveThresholds());

describe('low_relevance', () => {
  it('defaults to 0.3: cosine scores of related passages pass, unrelated ones fail', () => {
    expect(find(retrieverSpan('r', 'q', [doc('a', 'Sentence.', 0.34)]))).toEqual([]);
    expect(find(retrieverSpan('r', 'q', [doc('a', 'Sentence.', 0.29)]))).toMatchObject([
      { category: 'low_relevance', evidence: { topScore: 0.29, threshold: 0.3 } },
    ]);
  });

  it('judges a reranker on its own scores', () => {
    const reranker = (score: number) =>
      makeSpan({
        spanId: 'rr',
        name: 'rerank',
        kind: 'reranker',
        retrievalQuery: 'q',
        documents: [doc('a', 'Sentence.', score), doc('b', 'Sentence.', score / 2)],
      });
    expect(find(reranker(0.12)).map((f) => [f.category, f.spanIds])).toEqual([
      ['low_relevance', ['rr']],
    ]);
    expect(find(reranker(0.91))).toEqual([]);
  });

  it('does not judge rank-fusion scores, which are positions rather than similarities', () => {
    const fused = [doc('a', 'Sentence.', 1 / 61), doc('b', 'Sentence.', 1 / 62)];
    expect(find(retrieverSpan('r', 'q', fused))).toEqual([]);
  });

  it('says how many of the question\u2019s words the documents hold', () => {
    const [f] = find(
      retrieverSpan('r', 'Do cargo trikes need a driving licence?', [
        doc('a', 'Helmets are recommended for all riders.', 0.12),
      ]),
    );
    expect(f?.evidence).toMatchObject({ queryTermCoverage: 0, queryTerms: 4 });
  });
});

describe('fragmented_chunks', () => {
  it('counts chunks that start mid-sentence, also behind a title prefix', () => {
    expect(isCutChunk('and the allowance for premium economy is two bags.')).toBe(true);
    expect(isCutChunk('Repair prices. ers.')).toBe(true);
    expect(isCutChunk('Repair warranty. the repair receipt; the number is printed on it.')).toBe(
      true,
    );
    expect(isCutChunk('Repair prices. A tune-up costs 49 euros.')).toBe(false);
    expect(isCutChunk('Prices, e.g. the tune-up, are listed in the app.')).toBe(false);
    expect(isCutChunk('Short heading')).toBe(false);
  });

  it('reports a retrieval whose chunks were cut at both ends', () => {
    const span = retrieverSpan('r', 'How much is a tune-up?', [
      doc('p#0', 'Repair prices. A standard tune-up costs 49 euros. A flat tyre repair costs 15'),
      doc('p#1', 'Repair prices. ers.'),
      doc('b#1', 'Booking a repair. r starting with BK. Bring the bike 10 minutes early.'),
      doc('b#2', 'Booking a repair. Repairs are booked in the app under Service.'),
    ]);
    expect(find(span)).toMatchObject([
      { category: 'fragmented_chunks', evidence: { documentIds: ['p#0', 'p#1', 'b#1'] } },
    ]);
  });
});
