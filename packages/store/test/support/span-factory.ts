import type { Span } from '@glassbox/core/model';
import { makeSpan as makeCorpusSpan } from '@glassbox/core/testing';

let counter = 0;

/** A unique hex id of the given length, for test spans and traces. */
export function testId(length: 16 | 32): string {
  counter++;
  return (counter.toString(16) + Math.random().toString(16).slice(2))
    .padEnd(length, '0')
    .slice(0, length);
}

/**
 * A minimal valid span as a store test wants it (project `default`, fresh ids, status unset);
 * pass the fields a test cares about.
 *
 * @example
 * makeSpan({ traceId, spanId: 'a', startMs: 1000, requestModel: 'gpt-4o' });
 */
export function makeSpan(fields: Partial<Span> = {}): Span {
  return makeCorpusSpan({
    projectId: 'default',
    traceId: testId(32),
    spanId: testId(16),
    name: 'step',
    status: 'unset',
    scope: { name: 'test' },
    startMs: 1_700_000_000_000,
    durationMs: 100,
    ...fields,
  });
}

/** A span with every optional field set and nested raw values, for round-trip checks. */
export function makeRichSpan(fields: Partial<Span> = {}): Span {
  return makeSpan({
    parentSpanId: 'feedfacecafebeef',
    name: 'chat gpt-4o',
    kind: 'llm',
    startTimeUnixNano: '1700000000123456789',
    endTimeUnixNano: '1700000001987654321',
    startMs: 1_700_000_000_123.4568,
    durationMs: 1864.197532,
    status: 'error',
    statusMessage: 'context_length_exceeded',
    serviceName: 'support-bot',
    requestModel: 'gpt-4o',
    responseModel: 'gpt-4o-2024-08-06',
    provider: 'openai',
    parameters: {
      temperature: 0,
      topP: 0.9,
      maxTokens: 256,
      seed: 7,
      stop: ['\n\n'],
      stream: true,
    },
    inputMessages: [
      { role: 'system', content: 'You are helpful. Ünïcødé ✓' },
      { role: 'user', content: 'Where is my order #42?' },
      {
        role: 'assistant',
        content: '',
        toolCalls: [{ id: 'call_1', name: 'lookup_order', arguments: '{"id":42}' }],
      },
      { role: 'tool', content: '{"status":"shipped"}', toolCallId: 'call_1', name: 'lookup_order' },
    ],
    outputMessages: [{ role: 'assistant', content: 'It shipped yesterday.' }],
    input: 'Where is my order #42?',
    output: 'It shipped yesterday.',
    finishReason: 'stop',
    usage: { input: 1200, output: 35, cached: 1024, total: 1235 },
    costUsd: 0.0042,
    timeToFirstTokenMs: 312.5,
    tool: {
      name: 'lookup_order',
      callId: 'call_1',
      arguments: '{"id":42}',
      result: 'ok',
      idempotencyKey: 'k1',
    },
    toolDefinitions: [
      {
        name: 'lookup_order',
        description: 'Find an order',
        parameters: { type: 'object', required: ['id'] },
      },
    ],
    retrievalQuery: 'order status policy',
    documents: [
      {
        id: 'doc-1',
        content: 'Orders ship in 2 days.',
        score: 0.87,
        source: 'kb',
        ingestedAtMs: 1_690_000_000_000,
        metadata: { lang: 'en', n: 3 },
      },
    ],
    sessionId: 'session-1',
    userId: 'user-1',
    prompt: { name: 'support', version: '3', template: 'Hi {{name}}', variables: { name: 'Ann' } },
    agentName: 'support-agent',
    tags: ['prod', 'vip'],
    metadata: { region: 'eu' },
    versions: { prompt: 'support@3', model: 'gpt-4o-2024-08-06' },
    resource: { 'service.name': 'support-bot', 'host.arch': 'amd64', pid: 1234 },
    scope: { name: '@arizeai/openinference-instrumentation-openai', version: '2.0.0' },
    attributes: {
      'gen_ai.request.model': 'gpt-4o',
      'llm.input_messages': [{ 'message.role': 'user', 'message.content': 'hi' }],
      flag: true,
      nothing: null,
      nested: { a: [1, 2.5, 'x', { b: false }] },
    },
    events: [
      {
        name: 'exception',
        timeUnixNano: '1700000001000000001',
        attributes: { 'exception.type': 'BadRequest' },
      },
    ],
    ...fields,
  });
}
