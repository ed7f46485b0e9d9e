import { SpanStatusCode } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { hashContent } from '../attributes/content-policy.js';
import {
  withContext,
  withMetadata,
  withSession,
  withTags,
  withUser,
  withVersions,
} from '../context/with-context.js';
import { memorySdk, type MemorySdk } from '../../test/support/memory-sdk.js';
import { trace } from './trace.js';
import { traceAgentStep } from './trace-agent-step.js';
import { traceGeneration } from './trace-generation.js';
import { traceRerank } from './trace-rerank.js';
import { traceRetrieval } from './trace-retrieval.js';
import { traceToolCall } from './trace-tool-call.js';

let sdk: MemorySdk | undefined;
afterEach(async () => {
  await sdk?.handle.shutdown();
  sdk = undefined;
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('trace', () => {
  it('nests spans across awaits and records output, errors rethrown unchanged', async () => {
    sdk = memorySdk();
    const error = new Error('nope');
    const result = await trace(
      'outer',
      async () => {
        await tick();
        await trace('inner', async () => {
          await tick();
          return 42;
        });
        await expect(trace('failing', () => Promise.reject(error))).rejects.toBe(error);
        expect(() =>
          trace('sync-failing', () => {
            throw error;
          }),
        ).toThrow(error);
        return 'done';
      },
      { input: 'question' },
    );
    expect(result).toBe('done');
    const outer = await sdk.span('outer');
    const inner = await sdk.span('inner');
    const failing = await sdk.span('failing');
    expect(inner.parentSpanContext?.spanId).toBe(outer.spanContext().spanId);
    expect(failing.parentSpanContext?.spanId).toBe(outer.spanContext().spanId);
    expect(inner.spanContext().traceId).toBe(outer.spanContext().traceId);
    expect(outer.attributes).toMatchObject({
      'openinference.span.kind': 'CHAIN',
      'input.value': 'question',
      'output.value': 'done',
    });
    expect(failing.status).toMatchObject({ code: SpanStatusCode.ERROR, message: 'nope' });
    expect(failing.events[0]?.name).toBe('exception');
    expect((await sdk.span('sync-failing')).status.code).toBe(SpanStatusCode.ERROR);
  });
});

describe('context propagation', () => {
  it('carries session, user, tags, metadata and versions into children across awaits', async () => {
    sdk = memorySdk({ versions: { agent: 'agent-v1', prompt: 'p-1' } });
    await withSession('s-1', () =>
      withUser('u-1', async () => {
        await tick();
        await withTags(['beta'], () =>
          withMetadata({ tenant: 'acme' }, () =>
            trace('parent', async () => {
              await tick();
              await withTags(['canary'], () =>
                withVersions({ prompt: 'p-2' }, () =>
                  traceToolCall({ name: 'lookup' }, async () => 'ok'),
                ),
              );
            }),
          ),
        );
      }),
    );
    await trace('outside', () => undefined);
    const parent = await sdk.span('parent');
    const child = await sdk.span('execute_tool lookup');
    expect(parent.attributes).toMatchObject({
      'session.id': 's-1',
      'gen_ai.conversation.id': 's-1',
      'user.id': 'u-1',
      'glassbox.tags': ['beta'],
      'glassbox.metadata.tenant': 'acme',
      'glassbox.version.agent': 'agent-v1',
      'glassbox.version.prompt': 'p-1',
    });
    expect(child.attributes).toMatchObject({
      'session.id': 's-1',
      'user.id': 'u-1',
      'glassbox.tags': ['beta', 'canary'],
      'glassbox.metadata.tenant': 'acme',
      'glassbox.version.agent': 'agent-v1',
      'glassbox.version.prompt': 'p-2',
    });
    const outside = await sdk.span('outside');
    expect(outside.attributes['session.id']).toBeUndefined();
    expect(outside.attributes['glassbox.version.agent']).toBe('agent-v1');
  });

  it('keeps concurrent flows apart', async () => {
    sdk = memorySdk();
    await Promise.all(
      ['a', 'b', 'c'].map((id) =>
        withContext({ sessionId: id }, async () => {
          await tick();
          await trace(`work-${id}`, tick);
        }),
      ),
    );
    for (const id of ['a', 'b', 'c'])
      expect((await sdk.span(`work-${id}`)).attributes['session.id']).toBe(id);
  });
});

describe('typed helpers', () => {
  it('traceRetrieval records query and documents', async () => {
    sdk = memorySdk();
    const docs = await traceRetrieval(
      { query: 'refund policy', dataSource: 'kb', indexVersion: 'idx-7', topK: 2 },
      async () => [
        {
          id: 'd1',
          content: 'Refunds in 5 days',
          score: 0.9,
          source: 'kb/refund.md',
          ingestedAt: '2024-05-01T00:00:00Z',
        },
        { id: 'd2', content: 'Shipping', score: 0.4 },
      ],
    );
    expect(docs).toHaveLength(2);
    const span = await sdk.span('retrieval kb');
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'retrieval',
      'openinference.span.kind': 'RETRIEVER',
      'gen_ai.retrieval.query.text': 'refund policy',
      'gen_ai.data_source.id': 'kb',
      'glassbox.version.index': 'idx-7',
      'retrieval.documents.0.document.id': 'd1',
      'retrieval.documents.0.document.content': 'Refunds in 5 days',
      'retrieval.documents.0.document.score': 0.9,
      'retrieval.documents.0.document.metadata': JSON.stringify({
        source: 'kb/refund.md',
        ingested_at: '2024-05-01T00:00:00.000Z',
      }),
      'retrieval.documents.1.document.id': 'd2',
      'gen_ai.retrieval.documents': JSON.stringify([
        { id: 'd1', score: 0.9 },
        { id: 'd2', score: 0.4 },
      ]),
    });
  });

  it('traceRetrieval maps other result shapes and reports a non-array without breaking the app', async () => {
    const errors: string[] = [];
    sdk = memorySdk({ onError: (e) => errors.push(e.code) });
    const hits = await traceRetrieval(
      {
        query: 'q',
        toDocuments: (r: { hits: { key: string }[] }) => r.hits.map((h) => ({ id: h.key })),
      },
      async () => ({
        hits: [{ key: 'k1' }],
      }),
    );
    expect(hits.hits).toHaveLength(1);
    expect(await traceRetrieval({ query: 'q2' }, () => 'not documents')).toBe('not documents');
    const spans = await sdk.spans();
    expect(spans[0]?.attributes['retrieval.documents.0.document.id']).toBe('k1');
    expect(errors).toEqual(['instrumentation_failed']);
  });

  it('traceRerank records input and output documents', async () => {
    sdk = memorySdk();
    const input = [
      { id: 'a', score: 0.2 },
      { id: 'b', score: 0.5 },
    ];
    await traceRerank({ query: 'q', model: 'rerank-1', inputDocuments: input }, async () => [
      { id: 'a', score: 0.99 },
    ]);
    const span = await sdk.span('rerank rerank-1');
    expect(span.attributes).toMatchObject({
      'openinference.span.kind': 'RERANKER',
      'reranker.model_name': 'rerank-1',
      'reranker.query': 'q',
      'reranker.input_documents.1.document.id': 'b',
      'reranker.output_documents.0.document.id': 'a',
      'reranker.output_documents.0.document.score': 0.99,
    });
  });

  it('traceToolCall records name, arguments, result, call id, idempotency key and side effect', async () => {
    sdk = memorySdk();
    await traceToolCall(
      {
        name: 'book_flight',
        arguments: '{"to":"OSL"}',
        callId: 'call_1',
        idempotencyKey: 'idem-1',
        sideEffect: true,
      },
      async () => ({ booking: 'B1' }),
    );
    expect((await sdk.span('execute_tool book_flight')).attributes).toMatchObject({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'book_flight',
      'gen_ai.tool.call.id': 'call_1',
      'gen_ai.tool.call.arguments': '{"to":"OSL"}',
      'gen_ai.tool.call.result': '{"booking":"B1"}',
      'glassbox.tool.idempotency_key': 'idem-1',
      'glassbox.tool.side_effect': true,
      'openinference.span.kind': 'TOOL',
    });
  });

  it('traceAgentStep parents the steps inside it', async () => {
    sdk = memorySdk();
    await traceAgentStep({ agentName: 'planner', step: 'plan' }, () =>
      traceToolCall({ name: 't', arguments: { a: 1 } }, () => 1),
    );
    const step = await sdk.span('invoke_agent planner plan');
    const tool = await sdk.span('execute_tool t');
    expect(step.attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'planner',
      'openinference.span.kind': 'AGENT',
    });
    expect(tool.parentSpanContext?.spanId).toBe(step.spanContext().spanId);
    expect(tool.attributes['gen_ai.tool.call.arguments']).toBe('{"a":1}');
    expect(tool.attributes['gen_ai.tool.call.result']).toBe('1');
  });

  it('traceGeneration records the call log of any provider', async () => {
    sdk = memorySdk();
    const text = await traceGeneration(
      {
        model: 'claude-x',
        provider: 'anthropic',
        messages: [{ role: 'user', content: 'hi' }],
        prompt: { name: 'greet', version: '2' },
      },
      async (gen) => {
        gen.markFirstToken();
        gen.setResult({
          responseModel: 'claude-x-2025',
          output: 'hello',
          finishReason: 'end_turn',
          usage: { input: 5, output: 1 },
        });
        return 'hello';
      },
    );
    expect(text).toBe('hello');
    const span = await sdk.span('chat claude-x');
    expect(span.attributes).toMatchObject({
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.model': 'claude-x',
      'gen_ai.response.model': 'claude-x-2025',
      'gen_ai.usage.input_tokens': 5,
      'gen_ai.response.finish_reasons': ['end_turn'],
      'glassbox.call.status': 'success',
      'gen_ai.prompt.name': 'greet',
      'glassbox.prompt.version': '2',
    });
    expect(span.attributes['llm.cost.total']).toBeUndefined();
    expect(typeof span.attributes['glassbox.prompt.hash']).toBe('string');
    expect(span.attributes['gen_ai.response.time_to_first_chunk']).toBeGreaterThanOrEqual(0);
  });
});

describe('privacy', () => {
  it('redacts every content field through the hook', async () => {
    const fields: string[] = [];
    sdk = memorySdk({
      redact: (text, { field }) => {
        fields.push(field);
        return text.replace(/[\w.]+@[\w.]+/g, '[email]');
      },
    });
    await trace('t', async () => 'mail bob@x.io', { input: 'from ann@y.io' });
    await traceToolCall(
      { name: 'send', arguments: '{"to":"c@z.io"}' },
      async () => 'sent to c@z.io',
    );
    const t = await sdk.span('t');
    expect(t.attributes['input.value']).toBe('from [email]');
    expect(t.attributes['output.value']).toBe('mail [email]');
    expect((await sdk.span('execute_tool send')).attributes['gen_ai.tool.call.arguments']).toBe(
      '{"to":"[email]"}',
    );
    expect(fields).toEqual(
      expect.arrayContaining(['input', 'output', 'tool.arguments', 'tool.result']),
    );
  });

  it('hash-only mode replaces content by hash and length', async () => {
    sdk = memorySdk({ hashOnly: true });
    await traceRetrieval({ query: 'secret query' }, async () => [
      { id: 'd', content: 'secret doc' },
    ]);
    const span = await sdk.span('retrieval');
    expect(span.attributes['gen_ai.retrieval.query.text']).toBe(hashContent('secret query'));
    expect(span.attributes['retrieval.documents.0.document.content']).toBe(
      hashContent('secret doc'),
    );
    expect(JSON.stringify(span.attributes)).not.toContain('secret');
  });
});

describe('without init', () => {
  it('helpers run the work untraced', async () => {
    expect(await trace('x', async () => 7)).toBe(7);
    expect(withSession('s', () => traceToolCall({ name: 't' }, () => 'r'))).toBe('r');
  });
});
