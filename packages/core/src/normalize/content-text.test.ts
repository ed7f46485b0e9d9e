import { describe, expect, it } from 'vitest';
import type { AttributeValue } from '../model/attributes.js';
import { contentToText } from './content-text.js';
import { parseOtelMessages, parseSystemInstructions } from './otel-messages.js';
import { normalizeProvider } from './provider-name.js';
import { parseInstantMs } from './read-documents.js';

describe('contentToText', () => {
  it('keeps plain strings, including ones that merely look like JSON', () => {
    expect(contentToText('hello')).toBe('hello');
    expect(contentToText('[1, 2]')).toBe('[1, 2]');
    expect(contentToText('[{"name":"not a part"}]')).toBe('[{"name":"not a part"}]');
  });

  it('joins the text of content parts given as JSON or structured, skipping images', () => {
    const parts: AttributeValue[] = [
      { type: 'text', text: 'Look ' },
      { type: 'image_url', image_url: { url: 'x' } },
      { type: 'input_text', text: 'here' },
    ];
    expect(contentToText(JSON.stringify(parts))).toBe('Look here');
    expect(contentToText(parts)).toBe('Look here');
  });
});

describe('parseOtelMessages', () => {
  it('reads a JSON string and a structured array the same way', () => {
    const messages = [{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }];
    expect(parseOtelMessages(JSON.stringify(messages))).toEqual(parseOtelMessages(messages));
    expect(parseOtelMessages(messages).messages).toEqual([{ role: 'user', content: 'hi' }]);
  });

  it('splits several tool responses into one tool message each and keeps finish reasons', () => {
    const parsed = parseOtelMessages([
      {
        role: 'tool',
        parts: [
          { type: 'tool_call_response', id: 'a', response: 'one' },
          { type: 'tool_call_response', id: 'b', response: { n: 2 } },
        ],
      },
      { role: 'assistant', parts: [{ type: 'text', content: 'ok' }], finish_reason: 'stop' },
    ]);
    expect(parsed.messages).toEqual([
      { role: 'tool', content: 'one', toolCallId: 'a' },
      { role: 'tool', content: '{"n":2}', toolCallId: 'b' },
      { role: 'assistant', content: 'ok' },
    ]);
    expect(parsed.finishReasons).toEqual(['stop']);
  });

  it('reads system instructions from parts or plain text', () => {
    expect(parseSystemInstructions('[{"type":"text","content":"Be brief"}]')).toEqual({
      role: 'system',
      content: 'Be brief',
    });
    expect(parseSystemInstructions('Be brief')).toEqual({ role: 'system', content: 'Be brief' });
    expect(parseSystemInstructions(undefined)).toBeUndefined();
  });
});

describe('normalizeProvider', () => {
  it.each([
    ['openai.chat', 'openai'],
    ['openai.responses', 'openai'],
    ['anthropic.messages', 'anthropic'],
    ['google.vertex.chat', 'google'],
    ['OpenAI', 'openai'],
    ['azure.ai.openai', 'azure.ai.openai'],
    ['gcp.gemini', 'gcp.gemini'],
    ['aws.bedrock', 'aws.bedrock'],
  ])('%s -> %s', (raw, expected) => {
    expect(normalizeProvider(raw)).toBe(expected);
  });
});

describe('parseInstantMs', () => {
  it('reads ISO dates and epoch seconds or milliseconds', () => {
    expect(parseInstantMs('2024-05-01T00:00:00Z')).toBe(1714521600000);
    expect(parseInstantMs(1714521600)).toBe(1714521600000);
    expect(parseInstantMs('1714521600000')).toBe(1714521600000);
    expect(parseInstantMs(1714521600.5)).toBe(1714521600500);
  });

  it('rejects what is not an instant', () => {
    expect(parseInstantMs('yesterday')).toBeUndefined();
    expect(parseInstantMs(0)).toBeUndefined();
    expect(parseInstantMs(true)).toBeUndefined();
  });
});
