import { describe, expect, it } from 'vitest';
import { readDocuments } from './read-documents.js';

describe('readDocuments', () => {
  it('merges the OTel GenAI id/score list with OpenInference content and metadata', () => {
    const docs = readDocuments(
      {
        'gen_ai.retrieval.documents': [
          { id: 'a', score: 0.9 },
          { id: 'b', score: 0.4 },
        ],
        'retrieval.documents.0.document.id': 'a',
        'retrieval.documents.0.document.content': 'Refunds take 14 days.',
        'retrieval.documents.0.document.metadata':
          '{"source":"kb/refunds.md","ingested_at":"2026-01-02T00:00:00Z"}',
        'retrieval.documents.1.document.id': 'b',
        'retrieval.documents.1.document.content': 'Shipping is free.',
      },
      [],
    );
    expect(docs).toEqual([
      expect.objectContaining({
        id: 'a',
        score: 0.9,
        content: 'Refunds take 14 days.',
        source: 'kb/refunds.md',
        ingestedAtMs: Date.parse('2026-01-02T00:00:00Z'),
      }),
      expect.objectContaining({ id: 'b', score: 0.4, content: 'Shipping is free.' }),
    ]);
  });

  it('uses the OTel GenAI list alone when nothing richer is present', () => {
    expect(readDocuments({ 'gen_ai.retrieval.documents': [{ id: 'x', score: 0.2 }] }, [])).toEqual([
      { id: 'x', score: 0.2 },
    ]);
  });
});
