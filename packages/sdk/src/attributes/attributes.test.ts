import { describe, expect, it, vi } from 'vitest';
import { contextAttributes } from './context-attributes.js';
import {
  createContentPolicy,
  hashContent,
  REDACTION_FAILED,
  recordAsIs,
  sha256Hex,
} from './content-policy.js';
import { documentAttributes } from './document-attributes.js';
import { estimatePromptTokens, TOKENS_SENT_ATTRIBUTE } from './estimate-prompt-tokens.js';
import { generationAttributes } from './generation-attributes.js';
import { toGenAiMessages } from './message-attributes.js';
import { promptHash } from './prompt-hash.js';

describe('content policy', () => {
  it('hashes with sha256 and length', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hashContent('abc')).toBe(
      'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad len:3',
    );
  });

  it('redacts, then hashes in hash-only mode', () => {
    const redact = (t: string) => t.replace(/\d{4}/g, '####');
    expect(createContentPolicy({ redact })('pin 1234', 'input')).toBe('pin ####');
    expect(createContentPolicy({ redact, hashOnly: true })('pin 1234', 'input')).toBe(
      hashContent('pin ####'),
    );
  });

  it('never lets content through when the redactor fails, and reports it', () => {
    const onError = vi.fn();
    const policy = createContentPolicy({
      redact: () => {
        throw new Error('boom');
      },
      onError,
    });
    expect(policy('secret', 'output.messages')).toBe(REDACTION_FAILED);
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'redaction_failed' });
    const bad = createContentPolicy({ redact: () => undefined as unknown as string, onError });
    expect(bad('secret', 'input')).toBe(REDACTION_FAILED);
  });
});

describe('toGenAiMessages', () => {
  it('builds parts for text, tool calls and tool responses', () => {
    const messages = toGenAiMessages(
      [
        { role: 'user', content: 'weather?' },
        {
          role: 'assistant',
          content: '',
          toolCalls: [{ id: 'c1', name: 'get_weather', arguments: '{"city":"Oslo"}' }],
        },
        { role: 'tool', content: '{"temp":3}', toolCallId: 'c1' },
        { role: 'assistant', content: 'half', toolCalls: [{ name: 'x', arguments: '{bad' }] },
      ],
      recordAsIs,
      'input.messages',
      ['stop'],
    );
    expect(messages).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'weather?' }], finish_reason: 'stop' },
      {
        role: 'assistant',
        parts: [{ type: 'tool_call', id: 'c1', name: 'get_weather', arguments: { city: 'Oslo' } }],
      },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'c1', response: '{"temp":3}' }] },
      {
        role: 'assistant',
        parts: [
          { type: 'text', content: 'half' },
          { type: 'tool_call', name: 'x', arguments: '{bad' },
        ],
      },
    ]);
  });

  it('passes every content through the policy', () => {
    const policy = createContentPolicy({ hashOnly: true });
    const [message] = toGenAiMessages(
      [{ role: 'assistant', content: 'hi', toolCalls: [{ name: 'f', arguments: '{}' }] }],
      policy,
      'output.messages',
    );
    expect(message?.parts).toEqual([
      { type: 'text', content: hashContent('hi') },
      { type: 'tool_call', name: 'f', arguments: hashContent('{}') },
    ]);
  });
});

describe('documentAttributes', () => {
  it('flattens documents with source and ingestion time in metadata', () => {
    const attributes = documentAttributes(
      'retrieval.documents',
      [
        {
          id: 'd1',
          content: 'refunds take 5 days',
          score: 0.92,
          source: 'kb/refunds.md',
          ingestedAt: Date.UTC(2024, 0, 2),
        },
        { id: 'd2', score: Number.NaN, metadata: { lang: 'en' } },
      ],
      recordAsIs,
    );
    expect(attributes).toEqual({
      'retrieval.documents.0.document.id': 'd1',
      'retrieval.documents.0.document.content': 'refunds take 5 days',
      'retrieval.documents.0.document.score': 0.92,
      'retrieval.documents.0.document.metadata': JSON.stringify({
        source: 'kb/refunds.md',
        ingested_at: '2024-01-02T00:00:00.000Z',
      }),
      'retrieval.documents.1.document.id': 'd2',
      'retrieval.documents.1.document.metadata': JSON.stringify({ lang: 'en' }),
    });
  });
});

describe('contextAttributes', () => {
  it('emits session, user, tags, metadata and versions (context over init)', () => {
    expect(
      contextAttributes(
        {
          sessionId: 's1',
          userId: 'u1',
          tags: ['a', 'b'],
          metadata: { tenant: 'acme' },
          versions: { prompt: 'p2' },
        },
        { prompt: 'p1', agent: 'a1' },
      ),
    ).toEqual({
      'session.id': 's1',
      'gen_ai.conversation.id': 's1',
      'user.id': 'u1',
      'glassbox.tags': ['a', 'b'],
      'glassbox.metadata.tenant': 'acme',
      'glassbox.version.prompt': 'p2',
      'glassbox.version.agent': 'a1',
    });
  });
});

describe('generationAttributes', () => {
  it('emits the OTel GenAI call log plus Glassbox keys', () => {
    const a = generationAttributes(
      {
        operation: 'chat',
        provider: 'openai',
        requestModel: 'gpt-4o',
        responseModel: 'gpt-4o-2024-08-06',
        responseId: 'chatcmpl-1',
        requestId: 'req_1',
        parameters: { temperature: 0, maxTokens: 50, stop: ['\n'], stream: false },
        systemInstructions: 'be brief',
        inputMessages: [{ role: 'user', content: 'hi' }],
        outputMessages: [{ role: 'assistant', content: 'hello' }],
        finishReasons: ['stop'],
        usage: { input: 10, output: 2, cached: 4 },
        costUsd: 0.0001,
        timeToFirstTokenMs: 250,
        status: 'success',
        promptHash: 'abc',
        formatError: 'invalid JSON',
        promptName: 'greet',
        promptVersion: '3',
      },
      recordAsIs,
    );
    expect(a).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'openinference.span.kind': 'LLM',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.response.model': 'gpt-4o-2024-08-06',
      'gen_ai.response.id': 'chatcmpl-1',
      'gen_ai.request.temperature': 0,
      'gen_ai.request.max_tokens': 50,
      'gen_ai.request.stop_sequences': ['\n'],
      'gen_ai.request.stream': false,
      'gen_ai.system_instructions': JSON.stringify([{ type: 'text', content: 'be brief' }]),
      'gen_ai.input.messages': JSON.stringify([
        { role: 'user', parts: [{ type: 'text', content: 'hi' }] },
      ]),
      'gen_ai.output.messages': JSON.stringify([
        { role: 'assistant', parts: [{ type: 'text', content: 'hello' }], finish_reason: 'stop' },
      ]),
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 10,
      'gen_ai.usage.output_tokens': 2,
      'gen_ai.usage.cache_read.input_tokens': 4,
      'llm.cost.total': 0.0001,
      'gen_ai.response.time_to_first_chunk': 0.25,
      'glassbox.call.status': 'success',
      'glassbox.request.id': 'req_1',
      'glassbox.prompt.hash': 'abc',
      'glassbox.output.format_error': 'invalid JSON',
      'gen_ai.prompt.name': 'greet',
      'glassbox.prompt.version': '3',
    });
  });

  it('omits what is unknown: no cost key without a cost', () => {
    const a = generationAttributes(
      { operation: 'embeddings', requestModel: 'm', costUsd: Number.NaN },
      recordAsIs,
    );
    expect(a).toEqual({
      'gen_ai.operation.name': 'embeddings',
      'openinference.span.kind': 'EMBEDDING',
      'gen_ai.request.model': 'm',
    });
  });
});

describe('promptHash', () => {
  it('is the sha256 of the messages JSON, stable and content-sensitive', () => {
    const messages = [{ role: 'user', content: 'hi' }];
    expect(promptHash(messages)).toBe(sha256Hex(JSON.stringify(messages)));
    expect(promptHash([{ role: 'user', content: 'hi!' }])).not.toBe(promptHash(messages));
    expect(promptHash('plain text')).toBe(sha256Hex('plain text'));
  });
});

describe('estimatePromptTokens', () => {
  it('counts characters / 4 plus the chat format overhead', () => {
    // 'user' + 25 chars = 29 chars -> 8 tokens, + 3 per message + 3 priming
    expect(estimatePromptTokens([{ role: 'user', content: 'How long do refunds take?' }])).toBe(14);
    expect(estimatePromptTokens([])).toBe(3);
  });

  it('counts names, tool-call arguments and tool definitions', () => {
    const bare = estimatePromptTokens([{ role: 'assistant', content: '' }]);
    const withCall = estimatePromptTokens([
      {
        role: 'assistant',
        content: '',
        toolCalls: [{ name: 'track', arguments: '{"id":"P1234567"}' }],
      },
    ]);
    expect(withCall).toBeGreaterThan(bare);
    expect(estimatePromptTokens([], '{"type":"function"}'.repeat(10))).toBe(3 + 48);
  });

  it('grows with the prompt, so a provider count far below it shows truncation', () => {
    const long = 'x'.repeat(40_000);
    expect(estimatePromptTokens([{ role: 'user', content: long }])).toBeGreaterThan(10_000);
  });

  it('is recorded as glassbox.input.tokens_sent', () => {
    const a = generationAttributes({ operation: 'chat', tokensSent: 42 }, recordAsIs);
    expect(a[TOKENS_SENT_ATTRIBUTE]).toBe(42);
    expect(TOKENS_SENT_ATTRIBUTE).toBe('glassbox.input.tokens_sent');
  });
});
