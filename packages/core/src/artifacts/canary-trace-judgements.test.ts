import { describe, expect, it } from 'vitest';
import { llmSpan, rootSpan } from '@glassbox/core/testing';
import { canaryJudgementsOfTrace } from './canary-trace-judgements.js';

const support = (version: string) => ({ prompt: { name: 'support', version } });
const metrics = ['error', 'glassbox:no-refusal'];

describe('canaryJudgementsOfTrace', () => {
  it('credits the served version with an error verdict and each evaluator score it has', () => {
    const spans = [rootSpan('q', 'a', support('3')), llmSpan('s1', 'q', 'a', support('3'))];
    expect(
      canaryJudgementsOfTrace('support', metrics, {
        traceId: 't1',
        spans,
        scores: [{ name: 'glassbox:no-refusal', pass: false }],
      }),
    ).toEqual({
      version: 3,
      judgements: [
        { metric: 'error', failed: false, traceId: 't1' },
        { metric: 'glassbox:no-refusal', failed: true, traceId: 't1' },
      ],
    });
  });

  it('reads a failed span as an error and leaves unscored evaluators out', () => {
    const spans = [rootSpan('q', 'a', { ...support('2'), status: 'error' })];
    expect(
      canaryJudgementsOfTrace('support', metrics, { traceId: 't', spans, scores: [] }),
    ).toEqual({ version: 2, judgements: [{ metric: 'error', failed: true, traceId: 't' }] });
  });

  it('credits no arm when the trace used another prompt, two versions, or no number', () => {
    const judge = (spans: Parameters<typeof canaryJudgementsOfTrace>[2]['spans']) =>
      canaryJudgementsOfTrace('support', metrics, { traceId: 't', spans, scores: [] });
    expect(judge([rootSpan('q', 'a', { prompt: { name: 'billing', version: '1' } })])).toBe(
      undefined,
    );
    expect(judge([rootSpan('q', 'a', support('1')), llmSpan('s', 'q', 'a', support('2'))])).toBe(
      undefined,
    );
    expect(judge([rootSpan('q', 'a', support('v2'))])).toBe(undefined);
    expect(judge([rootSpan('q', 'a')])).toBe(undefined);
  });
});
