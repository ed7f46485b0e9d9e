import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createMemoryStorage, openStorage, type Storage } from '@glassbox/store';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, ServerStartError } from './create-server.js';
import type { GlassboxServer } from './server-options.js';
import {
  ProtobufTraceSerializer,
  protobufLogsBody,
  protobufTraceBody,
  recordSpans,
} from '../test/support/otlp-bodies.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(storage: Storage, extra: { uiDir?: string } = {}): Promise<GlassboxServer> {
  const server = await createServer({ storage, host: '127.0.0.1', port: 0, ...extra });
  cleanups.push(() => server.close());
  return server;
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'glassbox-server-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('createServer over real HTTP', () => {
  it('round-trips gzip protobuf spans and GenAI logs through SQLite to the query API', async () => {
    const storage = await openStorage({ dataDir: await tempDir() });
    cleanups.push(() => storage.close());
    const server = await start(storage);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const spans = recordSpans([
      {
        name: 'chat gpt-4o',
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.request.model': 'gpt-4o',
          'session.id': 's-1',
        },
        children: [{ name: 'tool call' }],
      },
    ]);
    const root = spans.find((s) => s.name === 'chat gpt-4o')!.spanContext();
    const res = await fetch(`${server.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' },
      body: gzipSync(protobufTraceBody(spans)),
    });
    expect(res.status).toBe(200);
    expect(
      ProtobufTraceSerializer.deserializeResponse(new Uint8Array(await res.arrayBuffer())),
    ).toEqual({});

    const logs = await fetch(`${server.url}/v1/logs`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body: protobufLogsBody([
        {
          eventName: 'gen_ai.user.message',
          traceId: root.traceId,
          spanId: root.spanId,
          body: { content: 'hello' },
        },
      ]),
    });
    expect(logs.status).toBe(200);

    const list = (await (await fetch(`${server.url}/api/traces?sessionId=s-1`)).json()) as {
      items: { traceId: string }[];
    };
    expect(list.items.map((t) => t.traceId)).toEqual([root.traceId]);
    const detail = (await (await fetch(`${server.url}/api/traces/${root.traceId}`)).json()) as {
      spans: { name: string; inputMessages: unknown[] }[];
    };
    expect(detail.spans.map((s) => s.name)).toEqual(['chat gpt-4o', 'tool call']);
    expect(detail.spans[0]!.inputMessages).toEqual([expect.objectContaining({ content: 'hello' })]);
    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', storage: 'sqlite' });
  });

  it('refuses to listen beyond loopback while no API key exists', async () => {
    const storage = createMemoryStorage();
    await expect(createServer({ storage, host: '0.0.0.0', port: 0 })).rejects.toThrow(
      ServerStartError,
    );
    await expect(createServer({ storage, host: '0.0.0.0', port: 0 })).rejects.toThrow(
      /without API keys/,
    );
  });

  it('serves the UI build with an SPA fallback, keeping /api errors as JSON', async () => {
    const uiDir = await tempDir();
    await mkdir(join(uiDir, 'assets'));
    await writeFile(join(uiDir, 'index.html'), '<!doctype html><title>Glassbox</title>');
    await writeFile(join(uiDir, 'assets', 'app.js'), 'console.log(1)');
    const server = await start(createMemoryStorage(), { uiDir });
    const index = await fetch(`${server.url}/`);
    expect(await index.text()).toContain('<title>Glassbox</title>');
    const asset = await fetch(`${server.url}/assets/app.js`);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    const deepLink = await fetch(`${server.url}/traces/abc`);
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toContain('<title>Glassbox</title>');
    const api = await fetch(`${server.url}/api/nope`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
