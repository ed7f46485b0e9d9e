import { describe, expect, it } from 'vitest';
import { GLASSBOX_ATTRIBUTES } from '../model/glassbox-attributes.js';
import { classifySpan } from './classify-span.js';
import { llmSpan, retrieverSpan, doc, T0, DAY, toolSpan } from '../../test/corpus/span-factory.js';
import { resolveThresholds } from './thresholds.js';
import { modelMatches } from './version-rules.js';

const cats = (s: Parameters<typeof classifySpan>[0], t = resolveThresholds()) =>
  classifySpan(s, t).map((f) => f.category);

describe('classifySpan', () => {
  it('finds nothing on a clean LLM call, retrieval and tool call', () => {
    expect(cats(llmSpan('a', 'Hi', 'Hello! How can I help?'))).toEqual([]);
    expect(cats(retrieverSpan('r', 'q', [doc('d1', 'A complete sentence.', 0.9)]))).toEqual([]);
    expect(cats(toolSpan('t', 'lookup', '{}', '{"ok":true}'))).toEqual([]);
  });

  it('carries evidence with the observed value and the threshold', () => {
    const [f] = classifySpan(
      retrieverSpan('r', 'pets?', [doc('d1', 'Unrelated text here.', 0.22)]),
      resolveThresholds(),
    );
    expect(f).toMatchObject({
      category: 'low_relevance',
      layer: 'retrieval',
      severity: 'warning',
      spanIds: ['r'],
    });
    expect(f!.evidence).toMatchObject({ topScore: 0.22, threshold: 0.3 });
    expect(f!.remediation).toMatch(/reranker/);
  });

  it('respects configured thresholds', () => {
    const s = retrieverSpan('r', 'q', [doc('d1', 'Sentence.', 0.55)]);
    expect(cats(s)).toEqual([]);
    expect(cats(s, resolveThresholds({ lowRelevanceTopScore: 0.6 }))).toEqual(['low_relevance']);
  });

  it('does not judge relevance when scores are distances or logits outside [0, 1]', () => {
    expect(
      cats(retrieverSpan('r', 'q', [doc('d1', 'Sentence.', 3.2), doc('d2', 'Sentence.', 0.1)])),
    ).toEqual([]);
  });

  it('needs a majority of stale documents, measured from the call time', () => {
    const old = { ingestedAtMs: T0 - 40 * DAY };
    expect(
      cats(
        retrieverSpan('r', 'q', [
          doc('a', 'S.', 0.9, old),
          doc('b', 'S.', 0.9),
          doc('c', 'S.', 0.9),
        ]),
      ),
    ).toEqual([]);
    expect(
      cats(
        retrieverSpan('r', 'q', [
          doc('a', 'S.', 0.9, old),
          doc('b', 'S.', 0.9, old),
          doc('c', 'S.', 0.9),
        ]),
      ),
    ).toEqual(['stale_documents']);
  });

  it('does not call a single-source index dominated', () => {
    expect(
      cats(
        retrieverSpan(
          'r',
          'q',
          ['a', 'b', 'c', 'd', 'e'].map((id) => doc(id, 'S.', 0.9)),
        ),
      ),
    ).toEqual([]);
  });

  it('accepts chunks ending in headings, lists and table rows', () => {
    const docs = [
      doc('a', 'Some introduction sentence.\n## Baggage rules'),
      doc('b', 'Rules:\n- carry-on up to 7 kg'),
      doc('c', '| cabin | bags |\n| economy | 1'),
    ];
    expect(cats(retrieverSpan('r', 'q', docs))).toEqual([]);
  });

  it('does not flag an empty retrieval that the instrumentation described in output', () => {
    expect(cats(retrieverSpan('r', 'q', [], { output: 'see attached hits' }))).toEqual([]);
    expect(cats(retrieverSpan('r', 'q', [], { output: '[]' }))).toEqual(['no_documents']);
  });

  it('does not call empty output on a tool-calling turn or an uncaptured one', () => {
    expect(
      cats(
        llmSpan('a', 'q', '', {
          outputMessages: [
            { role: 'assistant', content: '', toolCalls: [{ name: 'x', arguments: '{}' }] },
          ],
        }),
      ),
    ).toEqual([]);
    expect(cats(llmSpan('a', 'q', '', { outputMessages: [], output: undefined }))).toEqual([]);
  });

  it('reports the token limit from usage when no finish reason was recorded', () => {
    expect(
      cats(
        llmSpan('a', 'q', 'partial', {
          finishReason: undefined,
          parameters: { maxTokens: 50 },
          usage: { output: 50 },
        }),
      ),
    ).toEqual(['incomplete_response']);
  });

  it('does not call a small or exactly-counted prompt truncated', () => {
    const long = 'word '.repeat(2000);
    expect(cats(llmSpan('a', long, 'ok', { usage: { input: 2010, output: 2 } }))).toEqual([]);
    expect(cats(llmSpan('a', long, 'ok', { usage: { input: 400, output: 2 } }))).toEqual([
      'silent_truncation_suspected',
    ]);
  });

  it('classifies a tool timeout as infrastructure, not a tool error', () => {
    const s = toolSpan('t', 'lookup', '{}', '', {
      status: 'error',
      statusMessage: 'ETIMEDOUT',
      durationMs: 40_000,
    });
    expect(cats(s)).toEqual(['timeout']);
  });

  it('does not report an unexplained error as an infrastructure failure', () => {
    expect(
      cats(
        llmSpan('a', 'q', '', {
          status: 'error',
          statusMessage: 'invalid api key',
          outputMessages: [],
        }),
      ),
    ).toEqual([]);
  });

  it('reads the SDK call status', () => {
    expect(
      cats(
        llmSpan('a', 'q', '', {
          outputMessages: [],
          attributes: { [GLASSBOX_ATTRIBUTES.callStatus]: 'rate_limit' },
        }),
      ),
    ).toEqual(['rate_limit']);
  });

  it('compares parameters with metadata expectations', () => {
    const s = llmSpan('a', 'q', 'ok', {
      parameters: { temperature: 0.7, topP: 1 },
      metadata: { expected_temperature: '0.7', expected_top_p: '0.9' },
    });
    const [f] = classifySpan(s);
    expect(f).toMatchObject({
      category: 'sampling_parameters_mismatch',
      evidence: { top_p: 1, expected_top_p: 0.9 },
    });
  });

  // Written to trip backtracking regular expressions: one that is not linear runs past the
  // test's timeout. Speed itself is measured by the ingest benchmarks, not asserted here.
  it('classifies a 100 KB refusal of unbalanced JSON brackets', () => {
    const big = llmSpan('a', 'q', `I can't help with that. ${'x{[('.repeat(25_000)}`, {
      attributes: { 'gen_ai.output.type': 'json' },
    });
    expect(classifySpan(big).map((f) => f.category)).toEqual(['refusal']);
  });
});

describe('modelMatches', () => {
  it('matches aliases to snapshots but not different snapshots or bases', () => {
    expect(modelMatches('gpt-4o', 'gpt-4o-2024-08-06')).toBe(true);
    expect(modelMatches('claude-3-5-sonnet-latest', 'claude-3-5-sonnet-20241022')).toBe(true);
    expect(modelMatches('gpt-4o-2024-05-13', 'gpt-4o-2024-08-06')).toBe(false);
    expect(modelMatches('gpt-4o', 'gpt-4o-mini')).toBe(false);
    expect(modelMatches('llama3.1', 'ollama/llama3.1:latest')).toBe(true);
  });
});
