import { describe, expect, it } from 'vitest';
import { llmSpan, rootSpan } from '@glassbox/core/testing';
import { canaryJudgementsOfTrace } from './canary-trace-judgements.js';

const support = (version: string) => ({ prompt: { name: 'support', version } });
const metrics = ['error', 'glassbox:no-refusal'];
const supportPrompt = { kind: 'prompt', name: 'support' } as const;

describe('canaryJudgementsOfTrace', () => {
  it('credits the served version with an error verdict and each evaluator score it has', () => {
    const spans = [rootSpan('q', 'a', support('3')), llmSpan('s1', 'q', 'a', support('3'))];
    expect(
      canaryJudgementsOfTrace(supportPrompt, metrics, {
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
      canaryJudgementsOfTrace(supportPrompt, metrics, { traceId: 't', spans, scores: [] }),
    ).toEqual({ version: 2, judgements: [{ metric: 'error', failed: true, traceId: 't' }] });
  });

  it('credits no arm when the trace used another prompt, two versions, or no number', () => {
    const judge = (spans: Parameters<typeof canaryJudgementsOfTrace>[2]['spans']) =>
      canaryJudgementsOfTrace(supportPrompt, metrics, { traceId: 't', spans, scores: [] });
    expect(judge([rootSpan('q', 'a', { prompt: { name: 'billing', version: '1' } })])).toBe(
      undefined,
    );
    expect(judge([rootSpan('q', 'a', support('1')), llmSpan('s', 'q', 'a', support('2'))])).toBe(
      undefined,
    );
    expect(judge([rootSpan('q', 'a', support('v2'))])).toBe(undefined);
    expect(judge([rootSpan('q', 'a')])).toBe(undefined);
  });

  it('reads an agent, model or tools version from the span version snapshot', () => {
    const router = (tag: string) => ({ versions: { model: tag } });
    const judge = (spans: Parameters<typeof canaryJudgementsOfTrace>[2]['spans']) =>
      canaryJudgementsOfTrace({ kind: 'model', name: 'router' }, ['error'], {
        traceId: 't',
        spans,
        scores: [],
      });
    expect(
      judge([rootSpan('q', 'a', router('router@v2')), llmSpan('s', 'q', 'a', { status: 'error' })]),
    ).toEqual({ version: 2, judgements: [{ metric: 'error', failed: true, traceId: 't' }] });
    // Another artifact of the kind, a fallback, two versions, or the tag on another layer: no arm.
    expect(judge([rootSpan('q', 'a', router('router-eu@v2'))])).toBe(undefined);
    expect(judge([rootSpan('q', 'a', router('router@fallback'))])).toBe(undefined);
    expect(
      judge([rootSpan('q', 'a', router('router@v1')), llmSpan('s', 'q', 'a', router('router@v2'))]),
    ).toBe(undefined);
    expect(judge([rootSpan('q', 'a', { versions: { agent: 'router@v2' } })])).toBe(undefined);
  });
});
