import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropPostgresSchema, openStorage, type Storage } from '@glassbox/store';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../build-app.js';
import {
  protobufLogsBody,
  protobufTraceBody,
  recordSpans,
} from '../../../test/support/otlp-bodies.js';
import { PROTOBUF } from '../../../test/support/test-app.js';

const DATABASE_URL =
  process.env.GLASSBOX_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function llmSpans(count: number) {
  return recordSpans(
    Array.from({ length: count }, (_, i) => ({
      name: `chat ${i}`,
      attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o' },
    })),
  );
}

function messageLogs(traceId: string, spanId: string, question: string) {
  return protobufLogsBody([
    { eventName: 'gen_ai.user.message', traceId, spanId, body: { content: question } },
    {
      eventName: 'gen_ai.choice',
      traceId,
      spanId,
      body: { index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Four.' } },
    },
  ]);
}

async function serve(storage: Storage): Promise<FastifyInstance> {
  const app = await buildApp({ host: '127.0.0.1', port: 0, storage });
  cleanups.push(() => app.close());
  return app;
}

async function post(app: FastifyInstance, url: string, payload: Buffer): Promise<void> {
  const res = await app.inject({ method: 'POST', url, headers: PROTOBUF, payload });
  expect(res.statusCode).toBe(200);
}

async function storedMessages(storage: Storage, traceId: string, spanId: string) {
  const span = (await storage.traces.getTrace('default', traceId))?.spans.find(
    (s) => s.spanId === spanId,
  );
  return {
    input: span?.inputMessages.map((m) => m.content),
    output: span?.outputMessages.map((m) => m.content),
  };
}

describe('GenAI log events that come before their span are committed', () => {
  it('survive a restart between the log and the span (SQLite file store)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'glassbox-pending-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const [span] = llmSpans(1);
    const { traceId, spanId } = span!.spanContext();

    const first = await openStorage({ dataDir });
    const before = await serve(first);
    await post(before, '/v1/logs', messageLogs(traceId, spanId, 'What is 2+2?'));
    await before.close();
    await first.close();

    const second = await openStorage({ dataDir });
    cleanups.push(() => second.close());
    const after = await serve(second);
    await post(after, '/v1/traces', protobufTraceBody([span!]));
    expect(await storedMessages(second, traceId, spanId)).toEqual({
      input: ['What is 2+2?'],
      output: ['Four.'],
    });
  });

  it('reach a span written by another server over the same PostgreSQL schema', async () => {
    const schema = `test_pending_${randomBytes(5).toString('hex')}`;
    cleanups.push(() => dropPostgresSchema(DATABASE_URL, schema));
    const storageA = await openStorage({ databaseUrl: DATABASE_URL, schema });
    cleanups.push(() => storageA.close());
    const storageB = await openStorage({ databaseUrl: DATABASE_URL, schema });
    cleanups.push(() => storageB.close());
    const [a, b] = [await serve(storageA), await serve(storageB)];

    const spans = llmSpans(4);
    const [first, ...racing] = spans.map((s) => ({ span: s, ...s.spanContext() }));
    await post(a, '/v1/logs', messageLogs(first!.traceId, first!.spanId, 'sequential'));
    await post(b, '/v1/traces', protobufTraceBody([first!.span]));
    expect(await storedMessages(storageA, first!.traceId, first!.spanId)).toEqual({
      input: ['sequential'],
      output: ['Four.'],
    });

    // Log and span at the same moment on different replicas: whichever commits second
    // finds the other's rows, because both writes lock the trace first.
    await Promise.all(
      racing.flatMap(({ span, traceId, spanId }, i) => [
        post(a, '/v1/logs', messageLogs(traceId, spanId, `race ${i}`)),
        post(b, '/v1/traces', protobufTraceBody([span])),
      ]),
    );
    for (const [i, { traceId, spanId }] of racing.entries()) {
      expect(await storedMessages(storageB, traceId, spanId)).toEqual({
        input: [`race ${i}`],
        output: ['Four.'],
      });
    }
  });
});
