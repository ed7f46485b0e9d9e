import { describe, expect, it } from 'vitest';
import type { ChatRequest } from './chat-request.js';
import { checkReplayAssertions, failedAssertions } from './replay-assertions.js';
import { ReplayError } from './replay-error.js';

const request: ChatRequest = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'How long do refunds take?' }],
};
const answer = (content: string) => ({ content, latencyMs: 4, finishReason: 'stop' });

describe('assertions as a replay evaluator', () => {
  it('fails an answer on each assertion it breaks, with the reason', async () => {
    const assertions = [
      { type: 'icontains', value: 'refund' },
      { type: 'regex', value: '\\[[a-z-]+#\\d+\\]' },
      { type: 'not-is-json' },
    ];
    expect(
      await failedAssertions(assertions, request, answer('Refunds take 14 days [refund#0].')),
    ).toEqual([]);
    const failed = await failedAssertions(assertions, request, answer('Refunds take 14 days.'));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(/^regex: /);
    expect(await failedAssertions([{ type: 'is-json' }], request, answer('{"days":14}'))).toEqual(
      [],
    );
  });

  it('grades a tool-call answer as tool calls', async () => {
    const output = {
      content: null,
      toolCalls: [{ id: 'c1', name: 'lookup_refund', arguments: '{"order":"A1"}' }],
      latencyMs: 3,
    };
    expect(await failedAssertions([{ type: 'contains-json' }], request, output)).toEqual([]);
  });

  it('refuses model-graded, script and unknown types, naming the entry', () => {
    expect(() =>
      checkReplayAssertions([{ type: 'contains', value: 'x' }, { type: 'glassbox:no-refusal' }]),
    ).not.toThrow();
    for (const type of ['llm-rubric', 'javascript', 'colour', 'not-factuality']) {
      const call = () => checkReplayAssertions([{ type: 'contains', value: 'x' }, { type }]);
      expect(call).toThrow(ReplayError);
      expect(call).toThrow(new RegExp(`assertions\\[1\\]: type "${type}"`));
    }
  });
});
