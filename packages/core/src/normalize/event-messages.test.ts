import { describe, expect, it } from 'vitest';
import { extractEventMessages } from './event-messages.js';
import { logEvent } from '../../test/normalize-fixtures/otlp-span.js';

describe('extractEventMessages', () => {
  it('orders choices by index and keeps their finish reasons', () => {
    const result = extractEventMessages([
      logEvent('gen_ai.user.message', { content: 'Q' }),
      logEvent('gen_ai.choice', {
        index: 1,
        finish_reason: 'length',
        message: { content: 'second' },
      }),
      logEvent('gen_ai.choice', {
        index: 0,
        finish_reason: 'stop',
        message: { role: 'assistant', content: 'first' },
      }),
    ]);
    expect(result.input).toEqual([{ role: 'user', content: 'Q' }]);
    expect(result.output.map((m) => m.content)).toEqual(['first', 'second']);
    expect(result.finishReasons).toEqual(['length', 'stop']);
  });

  it('takes the event name from the event.name attribute when the event is unnamed', () => {
    const event = logEvent('gen_ai.system.message', { content: 'S' });
    const result = extractEventMessages([{ ...event, name: '' }]);
    expect(result.input).toEqual([{ role: 'system', content: 'S' }]);
  });

  it('keeps a message event without captured content (content capture off)', () => {
    const result = extractEventMessages([
      logEvent('gen_ai.assistant.message', {
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup' } }],
      }),
    ]);
    expect(result.input).toEqual([
      { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'lookup', arguments: '' }] },
    ]);
  });

  it('reads body fields from attributes when a span event carries no event.body', () => {
    const result = extractEventMessages([
      {
        name: 'gen_ai.user.message',
        timeUnixNano: '1',
        attributes: { content: 'from attributes' },
      },
    ]);
    expect(result.input).toEqual([{ role: 'user', content: 'from attributes' }]);
  });

  it('ignores unrelated events', () => {
    const result = extractEventMessages([
      { name: 'exception', timeUnixNano: '1', attributes: { 'exception.message': 'boom' } },
    ]);
    expect(result).toEqual({ input: [], output: [], finishReasons: [] });
  });
});
