import { SpanStatusCode } from '@opentelemetry/api';
import OpenAI, {
  APIConnectionTimeoutError,
  BadRequestError,
  InternalServerError,
  RateLimitError,
} from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashContent, sha256Hex } from '../attributes/content-policy.js';
import { withSession } from '../context/with-context.js';
import { trace } from '../helpers/trace.js';
import {
  startFakeOpenAIServer,
  type FakeOpenAIServer,
} from '../../test/support/fake-openai-server.js';
import { memorySdk, type MemorySdk } from '../../test/support/memory-sdk.js';
import { withCallOptions } from './call-options.js';
import { instrumentOpenAI } from './instrument-openai.js';

let server: FakeOpenAIServer;
let sdk: MemorySdk;
let client: OpenAI;

beforeAll(async () => {
  server = await startFakeOpenAIServer();
});
afterAll(() => server.close());
afterEach(() => sdk.handle.shutdown());

function setup(options: Parameters<typeof memorySdk>[0] = {}): void {
  sdk = memorySdk(options);
  client = instrumentOpenAI(
    new OpenAI({ apiKey: 'test', baseURL: server.baseURL, maxRetries: 0, timeout: 300 }),
  );
}

const messages = [
  { role: 'system' as const, content: 'You answer refund questions.' },
  { role: 'user' as const, content: 'How long do refunds take?' },
];

describe('instrumentOpenAI: chat completions', () => {
  it('records the full call log and returns the client result unchanged', async () => {
    setup();
    const res = await withSession('s-9', () =>
      client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages,
        temperature: 0,
        max_tokens: 100,
        seed: 7,
      }),
    );
    expect(res.choices[0]?.message.content).toBe('Refunds take 5 business days.');
    expect(res._request_id).toBe('req_200');
    const span = await sdk.span('chat gpt-4o-mini');
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.response.id': 'chatcmpl-abc123',
      'gen_ai.request.temperature': 0,
      'gen_ai.request.max_tokens': 100,
      'gen_ai.request.seed': 7,
      'gen_ai.request.stream': false,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 1000,
      'gen_ai.usage.output_tokens': 500,
      'gen_ai.usage.cache_read.input_tokens': 200,
      'glassbox.call.status': 'success',
      'glassbox.request.id': 'req_200',
      'glassbox.prompt.hash': sha256Hex(JSON.stringify(messages)),
      'session.id': 's-9',
      'server.address': '127.0.0.1',
    });
    expect(span.attributes['llm.cost.total']).toBeGreaterThan(0);
    expect(JSON.parse(span.attributes['gen_ai.input.messages'] as string)).toEqual([
      { role: 'system', parts: [{ type: 'text', content: 'You answer refund questions.' }] },
      { role: 'user', parts: [{ type: 'text', content: 'How long do refunds take?' }] },
    ]);
    expect(JSON.parse(span.attributes['gen_ai.output.messages'] as string)).toEqual([
      {
        role: 'assistant',
        parts: [{ type: 'text', content: 'Refunds take 5 business days.' }],
        finish_reason: 'stop',
      },
    ]);
    expect(span.status.code).not.toBe(SpanStatusCode.ERROR);
  });

  it('keeps withResponse() working and parents the span under trace()', async () => {
    setup();
    await trace('handler', async () => {
      const { data, request_id } = await client.chat.completions
        .create({ model: 'gpt-4o-mini', messages })
        .withResponse();
      expect(data.id).toBe('chatcmpl-abc123');
      expect(request_id).toBe('req_200');
    });
    const span = await sdk.span('chat gpt-4o-mini');
    expect(span.parentSpanContext?.spanId).toBe((await sdk.span('handler')).spanContext().spanId);
  });

  it('records no cost for an unknown model', async () => {
    setup();
    await client.chat.completions.create({
      model: 'json-model',
      messages: [{ role: 'user', content: '{}' }],
    });
    const span = await sdk.span('chat json-model');
    expect(span.attributes['gen_ai.usage.input_tokens']).toBe(1000);
    expect(span.attributes['llm.cost.total']).toBeUndefined();
  });

  it('streams: aggregates content and tool-call deltas, records time to first token', async () => {
    setup();
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Let me check.');
    const span = await sdk.span('chat gpt-4o-mini');
    expect(span.attributes).toMatchObject({
      'gen_ai.request.stream': true,
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.response.finish_reasons': ['tool_calls'],
      'gen_ai.usage.input_tokens': 50,
      'gen_ai.usage.output_tokens': 12,
      'glassbox.call.status': 'success',
      'glassbox.request.id': 'req_stream_1',
    });
    expect(JSON.parse(span.attributes['gen_ai.output.messages'] as string)).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'text', content: 'Let me check.' },
          { type: 'tool_call', id: 'call_1', name: 'get_order', arguments: { order_id: 'A1' } },
        ],
        finish_reason: 'tool_calls',
      },
    ]);
    const ttft = span.attributes['gen_ai.response.time_to_first_chunk'] as number;
    const durationS = span.duration[0] + span.duration[1] / 1e9;
    expect(ttft).toBeGreaterThanOrEqual(0.015);
    expect(ttft).toBeLessThan(durationS);
  });

  it('streams: a broken stream records the error and rethrows it', async () => {
    setup();
    const stream = await client.chat.completions.create({
      model: 'broken-stream',
      messages,
      stream: true,
    });
    const consume = async () => {
      for await (const _chunk of stream) void _chunk;
    };
    await expect(consume()).rejects.toThrow();
    const span = await sdk.span('chat broken-stream');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes['glassbox.call.status']).toBe('error');
  });

  it.each([
    ['rate-limited', RateLimitError, 'rate_limit', 'rate_limit_exceeded'],
    ['too-long', BadRequestError, 'context_length_exceeded', 'context_length_exceeded'],
    ['boom', InternalServerError, 'error', 'InternalServerError'],
    ['slow', APIConnectionTimeoutError, 'timeout', 'APIConnectionTimeoutError'],
  ])(
    'maps %s to its status and rethrows the original error',
    async (model, errorClass, status, errorType) => {
      setup();
      const error = await client.chat.completions
        .create({ model, messages })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(errorClass);
      const span = await sdk.span(`chat ${model}`);
      expect(span.status.code).toBe(SpanStatusCode.ERROR);
      expect(span.attributes['glassbox.call.status']).toBe(status);
      expect(span.attributes['error.type']).toBe(errorType);
      if (model !== 'slow')
        expect(span.attributes['glassbox.request.id']).toBe(
          `req_${(error as { status: number }).status}`,
        );
    },
  );

  it('records content_filter finish reasons', async () => {
    setup();
    await client.chat.completions.create({ model: 'filtered', messages });
    expect((await sdk.span('chat filtered')).attributes['glassbox.call.status']).toBe(
      'content_filter',
    );
  });
});

describe('instrumentOpenAI: expect json', () => {
  const schema = {
    type: 'object' as const,
    required: ['intent'],
    properties: { intent: { type: 'string' as const } },
  };

  it('passes valid output and flags invalid JSON and schema violations', async () => {
    setup();
    const ask = (content: string) =>
      withCallOptions(
        { expect: { format: 'json', schema }, prompt: { name: 'classify', version: '4' } },
        () =>
          client.chat.completions.create({
            model: 'json-model',
            messages: [{ role: 'user', content }],
          }),
      );
    await ask('{"intent":"refund"}');
    await ask('Sure! Here is JSON: {');
    await ask('{"intent":3}');
    const spans = await sdk.spans();
    expect(spans.map((s) => s.attributes['glassbox.call.status'])).toEqual([
      'success',
      'invalid_response',
      'invalid_response',
    ]);
    expect(spans[0]?.attributes['glassbox.output.format_error']).toBeUndefined();
    expect(spans[1]?.attributes['glassbox.output.format_error']).toMatch(/^invalid JSON/);
    expect(spans[2]?.attributes['glassbox.output.format_error']).toBe(
      'schema: $.intent: expected string, got number',
    );
    expect(spans[0]?.attributes).toMatchObject({
      'gen_ai.prompt.name': 'classify',
      'glassbox.prompt.version': '4',
      'glassbox.version.prompt': '4',
    });
  });

  it('records tool_choice and response_format as sent, so a replay can send them again', async () => {
    setup();
    const responseFormat = {
      type: 'json_schema' as const,
      json_schema: { name: 'intent', schema: { type: 'object' } },
    };
    const toolChoice = { type: 'function' as const, function: { name: 'lookup' } };
    await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages,
      response_format: responseFormat,
      tool_choice: toolChoice,
      tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }],
    });
    const span = await sdk.span('chat gpt-4o-mini');
    expect(JSON.parse(String(span.attributes['glassbox.request.response_format']))).toEqual(
      responseFormat,
    );
    expect(JSON.parse(String(span.attributes['glassbox.request.tool_choice']))).toEqual(toolChoice);
  });
});

describe('instrumentOpenAI: embeddings and privacy', () => {
  it('records embeddings calls', async () => {
    setup();
    const res = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'hello',
      dimensions: 3,
    });
    expect(res.data[0]?.embedding).toHaveLength(3);
    const span = await sdk.span('embeddings text-embedding-3-small');
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'embeddings',
      'gen_ai.usage.input_tokens': 8,
      'gen_ai.embeddings.dimension.count': 3,
      'glassbox.call.status': 'success',
    });
    expect(span.attributes['llm.cost.total']).toBeGreaterThan(0);
  });

  it('hash-only mode records no message content but keeps the prompt hash', async () => {
    setup({ hashOnly: true });
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
    const span = await sdk.span('chat gpt-4o-mini');
    const serialized = JSON.stringify(span.attributes);
    expect(serialized).not.toContain('refund questions');
    expect(serialized).not.toContain('business days');
    expect(serialized).toContain(hashContent('Refunds take 5 business days.'));
    expect(span.attributes['glassbox.prompt.hash']).toBe(sha256Hex(JSON.stringify(messages)));
  });

  it('instrumenting twice records one span per call', async () => {
    setup();
    instrumentOpenAI(client);
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
    expect(await sdk.spans()).toHaveLength(1);
  });
});
