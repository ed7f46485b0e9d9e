import {
  createPromptClient,
  init,
  trace,
  type GlassboxHandle,
  type GlassboxSdkError,
  type PromptClient,
} from '@glassbox/sdk';
import { createServer, type GlassboxServer } from '@glassbox/server';
import { createMemoryStorage } from '@glassbox/store';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/*
 * getArtifact serves agent, model and tools artifacts with getPrompt's semantics: the same
 * cache invalidated by pushed label moves, session pins, the declared fallback, never a throw,
 * and the version on the current span under the artifact's kind.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const BASE = '/api/artifacts/model/router';

describe('getArtifact', () => {
  let server: GlassboxServer;
  const clients: PromptClient[] = [];
  const errors: GlassboxSdkError[] = [];
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status, `${method} ${path}`).toBeLessThan(300);
  };
  const client = (endpoint = server.url) => {
    const created = createPromptClient({
      endpoint,
      maxStalenessMs: 60_000,
      onError: (e) => errors.push(e),
    });
    clients.push(created);
    return created;
  };

  beforeEach(async () => {
    errors.length = 0;
    server = await createServer({ storage: createMemoryStorage(), host: '127.0.0.1', port: 0 });
    await api('POST', `${BASE}/versions`, { content: { model: 'gpt-4o-2024-08-06' } });
    await api('POST', `${BASE}/versions`, {
      content: { model: 'gpt-4o-2024-11-20' },
      config: { temperature: 0.2 },
    });
    await api('PUT', `${BASE}/labels/production`, { version: 1, reason: 'pin MRV' });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await server?.close();
  });

  it('serves the labelled version, from cache until a pushed move, and keeps a session on its pin', async () => {
    const registry = client();
    expect(await registry.getArtifact('model', 'router', { sessionId: 's1' })).toMatchObject({
      kind: 'model',
      version: 1,
      content: { model: 'gpt-4o-2024-08-06' },
      source: 'server',
      versions: { model: 'router@v1' },
    });
    expect((await registry.getArtifact('model', 'router'))?.source).toBe('server');
    expect((await registry.getArtifact('model', 'router'))?.source).toBe('cache');
    for (let i = 0; i < 500 && registry.transport === undefined; i++) await sleep(10);
    await api('PUT', `${BASE}/labels/production`, { version: 2, reason: 'upgrade' });
    let seen = await registry.getArtifact('model', 'router');
    for (let i = 0; i < 500 && seen?.version !== 2; i++) {
      await sleep(10);
      seen = await registry.getArtifact('model', 'router');
    }
    expect(seen).toMatchObject({ version: 2, config: { temperature: 0.2 } });
    // The session that started on v1 keeps it (a fresh client: no cached entry to answer).
    expect((await client().getArtifact('model', 'router', { sessionId: 's1' }))?.version).toBe(1);
    // A prompt of the same name is another artifact: no cross-talk in the cache.
    expect(await registry.getPrompt('router')).toBeUndefined();
  });

  it('serves the declared fallback when the server is unreachable and never throws on bad input', async () => {
    const down = client('http://127.0.0.1:9');
    const fallback = { content: { model: 'gpt-4o-mini' }, config: { temperature: 0 } };
    expect(await down.getArtifact('model', 'router', { fallback })).toMatchObject({
      source: 'fallback',
      content: { model: 'gpt-4o-mini' },
      versions: { model: 'router@fallback' },
    });
    expect(await down.getArtifact('tools', 'search')).toBeUndefined();
    const registry = client();
    expect(await registry.getArtifact('widget', 'router', { fallback })).toBeUndefined();
    expect(errors.at(-1)?.message).toMatch(/unknown artifact kind "widget"/);
    expect(await registry.getArtifact('agent', 'nope', { fallback })).toMatchObject({
      source: 'fallback',
      kind: 'agent',
    });
    expect(errors.at(-1)?.message).toMatch(/agent "nope" does not exist/);
  });

  it('records the version on the current span under its kind', async () => {
    const exporter = new InMemorySpanExporter();
    let handle: GlassboxHandle | undefined;
    try {
      handle = init({ exporter, env: {}, scheduledDelayMillis: 10, onError: () => undefined });
      const registry = client();
      await trace('answer', async () => {
        await registry.getArtifact('model', 'router');
      });
      await handle.flush();
      const [span] = exporter.getFinishedSpans();
      expect(span?.attributes).toMatchObject({ 'glassbox.version.model': 'router@v1' });
      expect(span?.attributes['gen_ai.prompt.name']).toBeUndefined();
    } finally {
      await handle?.shutdown();
    }
  });
});
