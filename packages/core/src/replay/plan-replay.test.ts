import { describe, expect, it } from 'vitest';
import { readRecordedCall } from './recorded-call.js';
import { planReplay } from './plan-replay.js';
import { ReplayError } from './replay-error.js';
import { ragLlm, retriever } from '../../test/corpus/replay-spans.js';

const call = readRecordedCall(ragLlm, [retriever, ragLlm]);

describe('planReplay', () => {
  it('sends the recording unchanged without overrides', () => {
    const plan = planReplay(call);
    expect(plan.request).toEqual(call.request);
    expect(plan.overridden).toEqual([]);
  });

  it('applies model, parameter, system prompt and document overrides, keeping the context', () => {
    const plan = planReplay(call, {
      model: 'gpt-4o',
      parameters: { temperature: 0.9, seed: null, stop: null },
      systemPrompt: 'Be brief. Sources:\n{{context}}\nCite them.',
      documents: [{ id: 'new#0', content: 'Refunds now take 30 days.' }],
    });
    expect(plan.request.model).toBe('gpt-4o');
    expect(plan.request.temperature).toBe(0.9);
    expect(plan.request).not.toHaveProperty('seed');
    expect(plan.request).not.toHaveProperty('stop');
    expect(plan.request.max_tokens).toBe(300);
    expect(plan.request.messages[0]!.content).toBe(
      'Be brief. Sources:\n[new#0] Refunds now take 30 days.\nCite them.',
    );
    expect(plan.request.messages[1]!.content).toBe('Question: how long do refunds take?');
    expect(plan.overridden).toEqual([
      'model',
      'system prompt',
      'documents',
      'temperature',
      'seed',
      'stop',
    ]);
    expect(call.request.temperature).toBe(0.2);
  });

  it('keeps the recorded context after a system prompt that does not place it', () => {
    const plan = planReplay(call, { systemPrompt: 'New rules.' });
    expect(plan.request.messages[0]!.content).toMatch(/^New rules\.\n\[refund#0\] Refunds/);
  });

  it('edits any message by index', () => {
    const plan = planReplay(call, { messages: [{ index: 1, content: 'Question: store credit?' }] });
    expect(plan.request.messages[1]!.content).toBe('Question: store credit?');
  });

  it.each([
    [
      { messages: [{ index: 5, content: 'x' }] },
      /index 5 does not exist: the request has 2 messages/,
    ],
    [{ parameters: { colour: 1 } as never }, /parameters.colour is not a replayable parameter/],
    [{ parameters: { temperature: 'hot' } as never }, /must be a number or null/],
    [{ model: ' ' }, /non-empty model id/],
  ])('rejects %j', (overrides, message) => {
    expect(() => planReplay(call, overrides)).toThrow(ReplayError);
    expect(() => planReplay(call, overrides)).toThrow(message);
  });
});
