import { describe, expect, it } from 'vitest';
import { ProviderError } from '../server/provider-error.js';
import { parseChatRequest } from './parse-chat-request.js';

const call = (id: string) => ({
  id,
  type: 'function',
  function: { name: 'weather', arguments: '{}' },
});
const request = (messages: unknown[]) => ({ model: 'sim-gpt-4o', messages });

describe('tool-call turns, as the real API checks them', () => {
  it('accepts every call answered by a tool message', () => {
    expect(() =>
      parseChatRequest(
        request([
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: null, tool_calls: [call('a'), call('b')] },
          { role: 'tool', tool_call_id: 'b', content: 'sunny' },
          { role: 'tool', tool_call_id: 'a', content: 'rain' },
          { role: 'user', content: 'thanks' },
        ]),
      ),
    ).not.toThrow();
  });

  it('refuses a call without a tool message, naming its id', () => {
    const dangling = request([
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: null, tool_calls: [call('a'), call('b')] },
      { role: 'tool', tool_call_id: 'a', content: 'rain' },
    ]);
    expect(() => parseChatRequest(dangling)).toThrow(ProviderError);
    expect(() => parseChatRequest(dangling)).toThrow(/did not have response messages: b/);
  });

  it('refuses a tool message that answers no call', () => {
    expect(() =>
      parseChatRequest(request([{ role: 'tool', tool_call_id: 'x', content: 'stray' }])),
    ).toThrow(/must be a response to a preceeding message with 'tool_calls'/);
  });
});
