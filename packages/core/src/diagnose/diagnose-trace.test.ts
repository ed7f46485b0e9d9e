import { describe, expect, it } from 'vitest';
import { findFailures } from '../classify/classify-trace.js';
import { CORPUS } from '../classify/corpus/index.js';
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
    const d = diagnose('rag stale documents');
    expect(d.layers.map((l) => l.layer).sort()).toEqual([...DIAGNOSIS_ORDER].sort());
    expect(d.layers[0]).toMatchObject({ layer: 'upstream_data', verdict: 'implicated' });
    expect(d.layers[1]).toMatchObject({ layer: 'retrieval', verdict: 'implicated' });
    for (const verdict of ['cleared', 'unknown'] as const) {
      const group = d.layers.filter((l) => l.verdict === verdict).map((l) => l.layer);
      expect(group).toEqual(DIAGNOSIS_ORDER.filter((l) => group.includes(l)));
    }
    const ranks = d.layers.map((l) => ['implicated', 'cleared', 'unknown'].indexOf(l.verdict));
    expect(ranks).toEqual([...ranks].sort());
    expect(d.layers[0]!.evidenceFor.join(' ')).toMatch(/batch b-2024-11/);
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
    expect(diagnose('rag recent bad batch').mostLikely).toBe('upstream_data');
    const d = diagnose('rag low relevance invented');
    expect(d.layers.find((l) => l.layer === 'upstream_data')?.verdict).not.toBe('implicated');
  });
});
