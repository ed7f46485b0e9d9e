import { describe, expect, it } from 'vitest';
import { chunkDocument } from './chunk-document.js';
import { applyCorpusUpdate, loadCorpus } from './load-corpus.js';
import { VectorIndex } from './vector-index.js';
import { planTasks } from './booking-agent.js';
import { embedText } from '../embeddings/embed-text.js';

const corpus = loadCorpus();
const refund = corpus.find((d) => d.id === 'refund-policy')!;

describe('the shipped corpus', () => {
  it('holds 30-60 help-center articles with unique ids, and an update of some of them', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    expect(corpus.length).toBeLessThanOrEqual(60);
    expect(new Set(corpus.map((d) => d.id)).size).toBe(corpus.length);
    const updated = applyCorpusUpdate(corpus, loadCorpus('help-center-update'));
    expect(updated.find((d) => d.id === 'refund-policy')!.body).toMatch(/14 days/);
    expect(updated.filter((d, i) => d !== corpus[i]).length).toBe(3);
  });
});

describe('chunkDocument', () => {
  it('keeps whole sentences under the size, or cuts fixed windows through them', () => {
    const sentences = chunkDocument(refund, { kind: 'sentences', maxChars: 120 });
    expect(sentences.length).toBeGreaterThan(1);
    for (const c of sentences) expect(c.text).toMatch(/[.!?]$/);
    expect(sentences.map((c) => c.text).join(' ')).toBe(refund.body);
    const fixed = chunkDocument(refund, { kind: 'fixed', size: 90 });
    expect(fixed.map((c) => c.id)).toEqual(fixed.map((_, i) => `refund-policy#${i}`));
    expect(fixed.filter((c) => !/[.!?]$/.test(c.text)).length).toBeGreaterThan(fixed.length / 2);
    expect(chunkDocument(refund, { kind: 'whole' })).toHaveLength(1);
    expect(() => chunkDocument(refund, { kind: 'fixed', size: 5 })).toThrow(/>= 20/);
  });
});

describe('VectorIndex', () => {
  it('ranks the answering article first with a hybrid score in [0, 1], and upserts by id', () => {
    const index = new VectorIndex('kb', 'v1');
    const chunks = corpus.flatMap((d) => chunkDocument(d, { kind: 'sentences', maxChars: 400 }));
    index.upsert(
      chunks.map((c) => ({
        ...c,
        vector: embedText(`${c.title}. ${c.text}`, 256),
        source: 's',
        ingestedAt: 0,
        indexVersion: 'v1',
      })),
    );
    const query = 'How far can I ride on a full e-bike battery?';
    const hits = index.search(embedText(query, 256), query, 3);
    expect(hits[0]!.chunk.documentId).toBe('ebike-battery');
    for (const h of hits) expect(h.score).toBeGreaterThanOrEqual(0);
    expect(hits[0]!.score).toBeLessThanOrEqual(1);
    const size = index.size;
    index.removeDocuments(['refund-policy']);
    expect(index.size).toBeLessThan(size);
  });
});

describe('planTasks', () => {
  it('splits compound requests into ordered tasks', () => {
    expect(planTasks('Check status of BK-1, then book a repair on 2024-06-14 at 10:00.')).toEqual([
      'Check status of BK-1',
      'book a repair on 2024-06-14 at 10:00.',
    ]);
    expect(planTasks('Book a repair at Harbour.')).toEqual(['Book a repair at Harbour.']);
  });
});
