import { describe, expect, it } from 'vitest';
import {
  doc,
  llmSpan,
  retrieverSpan,
  rootSpan,
  toolSpan,
  T0,
} from '../../test/corpus/span-factory.js';
import { extractObservation, isEscalation } from './extract-observation.js';

describe('extractObservation', () => {
  const root = rootSpan('What is the refund window?', 'Thirty days.', {
    metadata: { route: 'refund', risk: 'low', tenant: 'acme' },
    prompt: { name: 'answer', version: 'v3' },
    sessionId: 's1',
    durationMs: 1500,
    tags: ['beta'],
  });
  const retrieval = retrieverSpan(
    'r',
    'refund window',
    [
      doc('d1', 'Refunds within thirty days.', 0.9, { source: 'kb', ingestedAtMs: T0 - 7_200_000 }),
      doc('d2', 'Shipping takes a week.', 0.5, { source: 'wiki', ingestedAtMs: T0 - 3_600_000 }),
    ],
    { parentSpanId: 'root', startMs: T0 + 10 },
  );
  const llm = llmSpan('l', 'What is the refund window?', 'Thirty days.', {
    parentSpanId: 'root',
    startMs: T0 + 100,
    responseModel: 'gpt-4o-2024-08-06',
    parameters: { temperature: 0.2, maxTokens: 300 },
    usage: { input: 400, output: 20 },
    costUsd: 0.0011,
    timeToFirstTokenMs: 240,
  });
  const tool = toolSpan('t', 'lookup_order', '{"id":1}', '{"ok":true}', {
    parentSpanId: 'root',
    startMs: T0 + 50,
  });

  it('reads event time, segments, numbers and categories from the trace', () => {
    const o = extractObservation([llm, root, retrieval, tool]);
    expect(o).toMatchObject({
      traceId: 't1',
      eventMs: T0,
      error: false,
      refusal: false,
      escalation: false,
      latencyMs: 1500,
      ttftMs: 240,
      inputTokens: 400,
      outputTokens: 20,
      costUsd: 0.0011,
      steps: 2,
      topScore: 0.9,
      meanRelevance: 0.7,
      docAgeHours: 1.5,
      sources: { kb: 1, wiki: 1 },
      tools: ['lookup_order'],
      model: 'gpt-4o-2024-08-06',
      sampling: 'temperature=0.2,maxTokens=300',
      sessionId: 's1',
      query: 'refund window',
      tags: ['beta'],
    });
    expect(o.segments).toMatchObject({
      model: 'gpt-4o-2024-08-06',
      promptVersion: 'v3',
      route: 'refund',
      risk: 'low',
      'meta.tenant': 'acme',
    });
  });

  it('classes errors by their infrastructure finding and flags refusals', () => {
    const failed = llmSpan('l', 'hi', '', {
      status: 'error',
      statusMessage: '429 Too Many Requests: rate limit exceeded',
    });
    const o = extractObservation([failed]);
    expect(o.error).toBe(true);
    expect(o.errorClass).toBe('rate_limit');
    const refused = extractObservation([
      llmSpan('l', 'hack it', "I'm sorry, but I can't help with that."),
    ]);
    expect(refused.refusal).toBe(true);
    expect(refused.findings).toContain('refusal');
  });

  it('uses given findings instead of classifying again', () => {
    const o = extractObservation(
      [root],
      [
        {
          category: 'ungrounded_answer',
          layer: 'generation',
          severity: 'warning',
          spanIds: ['root'],
          message: 'm',
          evidence: {},
          remediation: 'r',
        },
      ],
    );
    expect(o.findings).toEqual(['ungrounded_answer']);
  });

  it('defines escalation by route metadata, span names or tags', () => {
    expect(isEscalation([rootSpan('a', 'b', { metadata: { route: 'human' } })])).toBe(true);
    expect(isEscalation([toolSpan('t', 'escalate_to_agent', '{}', '{}')])).toBe(true);
    expect(isEscalation([rootSpan('a', 'b', { tags: ['handoff-to-human'] })])).toBe(true);
    expect(isEscalation([rootSpan('a', 'b', { metadata: { route: 'billing' } })])).toBe(false);
  });

  it('refuses an empty trace', () => {
    expect(() => extractObservation([])).toThrow(/at least one span/);
  });
});
