import { describe, expect, it } from 'vitest';
import type { Span } from '../model/index.js';
import { findFailures } from '../classify/classify-trace.js';
import { ragLlm, retriever } from '../../test/corpus/replay-spans.js';
import { planReplay } from './plan-replay.js';
import { readRecordedCall } from './recorded-call.js';
import { REPLAY_OF_ATTRIBUTE, replayedSpan, replayedTrace } from './replayed-span.js';
import { targetCategories, trialFails } from './target-categories.js';

const hot: Span = {
  ...ragLlm,
  parameters: { ...ragLlm.parameters, temperature: 1.3 },
  versions: { 'param.temperature': '0.2' },
  outputMessages: [{ role: 'assistant', content: 'Refunds take 14 days [refund#0].' }],
  attributes: { ...ragLlm.attributes, 'gen_ai.usage.output_tokens': 9, 'error.type': 'old' },
};
const spans = [retriever, hot];
const answer = { content: 'Refunds are paid within 14 days [refund#0].', latencyMs: 5 };

describe('replayed spans are judged by the same classifier', () => {
  it('clears the sampling finding when the replay sends the pinned temperature', () => {
    const categories = (s: Span) =>
      findFailures(replayedTrace(spans, hot, s)).map((f) => f.category);
    const call = readRecordedCall(hot, spans);
    const asRecorded = replayedSpan(hot, planReplay(call).request, answer, 'r1');
    expect(categories(asRecorded)).toContain('sampling_parameters_mismatch');
    const fixed = replayedSpan(
      hot,
      planReplay(call, { parameters: { temperature: 0.2 } }).request,
      answer,
      'r2',
    );
    expect(categories(fixed)).not.toContain('sampling_parameters_mismatch');
  });

  it('carries the replayed answer, not the recorded one, and links to the original', () => {
    const call = readRecordedCall(hot, spans);
    const span = replayedSpan(
      hot,
      call.request,
      { ...answer, responseModel: 'gpt-4o-mini-x' },
      'r3',
    );
    expect(span).toMatchObject({ spanId: 'r3', status: 'ok', responseModel: 'gpt-4o-mini-x' });
    expect(span.outputMessages[0]!.content).toBe(answer.content);
    expect(span.attributes[REPLAY_OF_ATTRIBUTE]).toBe(hot.spanId);
    expect(span.attributes).not.toHaveProperty('gen_ai.usage.output_tokens');
    const failed = replayedSpan(
      hot,
      call.request,
      { content: null, latencyMs: 1, error: { status: 500, message: 'boom' } },
      'r4',
    );
    expect(failed).toMatchObject({ status: 'error', statusMessage: 'boom', outputMessages: [] });
  });

  it('targets what distinguishes the bad trace from the good one', () => {
    const f = (category: string) => ({ category }) as never;
    expect(
      targetCategories([f('ungrounded_answer'), f('low_relevance')], [f('low_relevance')]),
    ).toEqual(['ungrounded_answer']);
    expect(targetCategories([f('low_relevance')], [f('low_relevance')])).toEqual(['low_relevance']);
    expect(trialFails([f('low_relevance')], ['ungrounded_answer'])).toBe(false);
  });
});
