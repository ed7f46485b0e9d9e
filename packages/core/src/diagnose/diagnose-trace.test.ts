import { describe, expect, it } from 'vitest';
import { findFailures } from '../classify/classify-trace.js';
import { CORPUS } from '../../test/corpus/index.js';
import { DIAGNOSIS_ORDER } from './diagnosis.js';
import { diagnoseTrace } from './diagnose-trace.js';

const trace = (name: string) => {
  const t = CORPUS.find((c) => c.name === name);
  if (!t) throw new Error(`no corpus trace "${name}"`);
  return t;
};
const diagnose = (name: string) => {
  const t = trace(name);
  return diagnoseTrace(t.spans, findFailures(t.spans, undefined, t.sessionSpans));
};

describe('diagnoseTrace', () => {
  it('returns every layer once: implicated first, then cleared, then unknown, each in tree order', () => {
    const d = diagnose('rag fragmented recent batch');
    expect(d.layers.map((l) => l.layer).sort()).toEqual([...DIAGNOSIS_ORDER].sort());
    expect(d.layers[0]).toMatchObject({ layer: 'upstream_data', verdict: 'implicated' });
    expect(d.layers[1]).toMatchObject({ layer: 'retrieval', verdict: 'implicated' });
    for (const verdict of ['cleared', 'unknown'] as const) {
      const group = d.layers.filter((l) => l.verdict === verdict).map((l) => l.layer);
      expect(group).toEqual(DIAGNOSIS_ORDER.filter((l) => group.includes(l)));
    }
    const ranks = d.layers.map((l) => ['implicated', 'cleared', 'unknown'].indexOf(l.verdict));
    expect(ranks).toEqual([...ranks].sort());
    expect(d.layers[0]!.evidenceFor.join(' ')).toMatch(
      /batch ingest-2025-05-31, ingested 1.0 days/,
    );
  });

  it('blames retrieval when the chunks lack what the question asked, generation when they had it', () => {
    expect(diagnose('rag retrieval miss').mostLikely).toBe('retrieval');
    const g = diagnose('rag contradicted number');
    expect(g.mostLikely).toBe('generation');
    expect(g.layers.find((l) => l.layer === 'retrieval')).toMatchObject({ verdict: 'cleared' });
  });

  it('puts a truncated input before the ungrounded answer it caused', () => {
    const d = diagnose('system prompt dropped before a rag answer');
    expect(d.layers.slice(0, 2).map((l) => l.layer)).toEqual(['input', 'generation']);
    expect(d.summary).toMatch(/^Most likely cause: input \(context\)/);
  });

  it('blames the missing idempotency, not the timeout, for a duplicate booking', () => {
    const d = diagnose('booking duplicated after timeout retry');
    expect(d.layers.slice(0, 2).map((l) => [l.layer, l.verdict])).toEqual([
      ['tools', 'implicated'],
      ['infrastructure', 'implicated'],
    ]);
  });

  it('clears a clean trace with no most likely layer, and says what it could not see', () => {
    const d = diagnose('rag clean refund');
    expect(d.mostLikely).toBeUndefined();
    expect(d.summary).toMatch(/^No failure found/);
    expect(d.layers.find((l) => l.layer === 'retrieval')).toMatchObject({ verdict: 'cleared' });
    expect(d.layers.find((l) => l.layer === 'tools')).toMatchObject({
      verdict: 'unknown',
      confidence: 0,
    });
  });

  it('implicates upstream data for a recent shared batch but not for old unrelated documents', () => {
    const batch = diagnose('rag recent bad batch');
    expect(batch.mostLikely).toBe('upstream_data');
    expect(batch.layers[0]!.evidenceFor.join(' ')).toMatch(/2 of 3 retrieved documents share/);
    const d = diagnose('rag low relevance invented');
    expect(d.layers.find((l) => l.layer === 'upstream_data')?.verdict).not.toBe('implicated');
  });

  it('blames retrieval, not upstream data, for documents from an old shared batch', () => {
    const d = diagnose('rag stale documents');
    expect(d.mostLikely).toBe('retrieval');
    expect(d.layers.find((l) => l.layer === 'upstream_data')).toMatchObject({
      verdict: 'cleared',
      evidenceAgainst: expect.arrayContaining([
        'the documents with stale_documents share no recent ingestion batch and no single source',
      ]),
    });
  });

  it('does not blame upstream data when the whole retrieved set is one recent batch', () => {
    const t = trace('rag recent bad batch');
    const spans = t.spans.map((s) => ({
      ...s,
      documents: s.documents.filter((doc) => doc.id !== 'seat-4'),
    }));
    const d = diagnoseTrace(spans, findFailures(spans));
    expect(d.mostLikely).toBe('retrieval');
    expect(d.layers.find((l) => l.layer === 'upstream_data')?.verdict).not.toBe('implicated');
  });

  it('implicates the input for an off-corpus question, and retrieval only weakly', () => {
    const spans = trace('rag low relevance honest').spans.map((s) =>
      s.kind === 'retriever' ? { ...s, retrievalQuery: 'Can cargo trikes carry furniture?' } : s,
    );
    const d = diagnoseTrace(spans, findFailures(spans));
    expect(d.layers.slice(0, 2)).toMatchObject([
      { layer: 'input', verdict: 'implicated' },
      { layer: 'retrieval', verdict: 'implicated', confidence: 0.3 },
    ]);
    expect(diagnose('rag low relevance honest').mostLikely).toBe('retrieval');
  });

  it('blames the generation configuration, not retrieval, when a swapped model invents an answer', () => {
    const t = trace('rag low relevance invented');
    const spans = t.spans.map((s) =>
      s.kind === 'llm'
        ? {
            ...s,
            responseModel: 'gpt-4o-mini-2024-11-20',
            versions: { model: 'gpt-4o-mini-2024-07-18' },
          }
        : s,
    );
    const d = diagnoseTrace(spans, findFailures(spans));
    expect(d.mostLikely).toBe('generation');
    expect(d.layers[1]).toMatchObject({ layer: 'retrieval', verdict: 'implicated' });
  });
});
