import { describe, expect, it } from 'vitest';
import { makeSpan } from '../../test/corpus/span-factory.js';
import { docs, ragLlm, retriever } from '../../test/corpus/replay-spans.js';
import { readRecordedCall } from './recorded-call.js';
import { ReplayError } from './replay-error.js';

describe('readRecordedCall', () => {
  it('reuses every recorded field and locates the quoted context block', () => {
    const call = readRecordedCall(ragLlm, [retriever, ragLlm]);
    expect(call.request).toMatchObject({
      model: 'gpt-4o-mini',
      temperature: 0.2,
      max_tokens: 300,
      seed: 7,
      stop: ['END'],
      frequency_penalty: 0.5,
      tool_choice: 'none',
      response_format: { type: 'json_object' },
    });
    expect(call.request.messages).toHaveLength(2);
    expect(call.documents).toEqual(docs);
    expect(call.context).not.toBeNull();
    const system = call.request.messages[0]!.content!;
    expect(system.slice(call.context!.start, call.context!.end)).toBe(
      `[refund#0] ${docs[0]!.content}\n[refund#1] ${docs[1]!.content}`,
    );
    expect(call.promptVersion).toBe('support-v3');
    expect(call.responseModel).toBe('gpt-4o-mini-2024-07-18');
  });

  it('sends the recorded tool_choice and response_format (with its schema) again', () => {
    const format = { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' } } };
    const call = readRecordedCall({
      ...ragLlm,
      attributes: {
        'glassbox.request.response_format': JSON.stringify(format),
        'glassbox.request.tool_choice': '{"type":"function","function":{"name":"lookup"}}',
      },
    });
    expect(call.request.response_format).toEqual(format);
    expect(call.request.tool_choice).toEqual({ type: 'function', function: { name: 'lookup' } });
  });

  it('replays tool-call turns: ids kept, recorded results sent back as tool messages', () => {
    const agent = makeSpan({
      spanId: 'llm2',
      kind: 'llm',
      requestModel: 'gpt-4o',
      inputMessages: [
        { role: 'user', content: 'Book room 4 and check the weather' },
        {
          role: 'assistant',
          content: '',
          toolCalls: [
            { id: 'call_a', name: 'book_room', arguments: '{"room":4}' },
            { id: 'call_b', name: 'weather', arguments: '{}' },
          ],
        },
        { role: 'tool', toolCallId: 'call_a', content: '{"ok":true}' },
      ],
      toolDefinitions: [{ name: 'book_room', parameters: { type: 'object' } }, { name: 'weather' }],
    });
    const weatherTool = makeSpan({
      spanId: 'tool-b',
      kind: 'tool',
      tool: { name: 'weather', callId: 'call_b', arguments: '{}', result: 'sunny' },
    });
    const { request } = readRecordedCall(agent, [agent, weatherTool]);
    expect(request.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'tool']);
    expect(request.messages[1]).toMatchObject({
      content: null,
      tool_calls: [
        {
          id: 'call_a',
          type: 'function',
          function: { name: 'book_room', arguments: '{"room":4}' },
        },
        { id: 'call_b', type: 'function', function: { name: 'weather', arguments: '{}' } },
      ],
    });
    expect(request.messages[3]).toEqual({ role: 'tool', tool_call_id: 'call_b', content: 'sunny' });
    expect(request.tools).toEqual([
      { type: 'function', function: { name: 'book_room', parameters: { type: 'object' } } },
      { type: 'function', function: { name: 'weather' } },
    ]);
  });

  it('names a tool call whose result was never recorded instead of sending a dangling call', () => {
    const dangling = makeSpan({
      spanId: 'llm3',
      kind: 'llm',
      requestModel: 'gpt-4o',
      inputMessages: [
        { role: 'user', content: 'weather?' },
        {
          role: 'assistant',
          content: '',
          toolCalls: [{ id: 'c1', name: 'weather', arguments: '{}' }],
        },
      ],
    });
    expect(() => readRecordedCall(dangling)).toThrow(
      /missing the result of tool call weather \(c1\)/,
    );
  });

  it.each([
    [
      'no captured messages',
      makeSpan({ spanId: 'x', kind: 'llm', requestModel: 'gpt-4o' }),
      /missing the input messages/,
    ],
    [
      'hash-only mode',
      makeSpan({
        spanId: 'x',
        kind: 'llm',
        requestModel: 'gpt-4o',
        inputMessages: [{ role: 'user', content: `sha256:${'a'.repeat(64)} len:12` }],
      }),
      /hash-only mode/,
    ],
    [
      'no model',
      makeSpan({ spanId: 'x', kind: 'llm', inputMessages: [{ role: 'user', content: 'hi' }] }),
      /missing the request model/,
    ],
    ['a retriever span', retriever, /is a retriever span; only LLM calls/],
  ])('refuses %s, saying what is missing', (_, span, message) => {
    const error = (() => {
      try {
        readRecordedCall(span);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ReplayError);
    expect((error as ReplayError).code).toBe('span_not_replayable');
    expect((error as ReplayError).message).toMatch(message);
    expect((error as ReplayError).missing.length).toBeGreaterThan(0);
  });
});
