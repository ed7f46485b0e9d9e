import { ArtifactError } from '@glassbox/core/artifacts';
import {
  createPromptClient,
  init,
  trace,
  type GlassboxHandle,
  type GlassboxSdkError,
  type PromptClient,
} from '@glassbox/sdk';
import { createServer, type GlassboxServer } from '@glassbox/server';
import type { Storage } from '@glassbox/store';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callApi } from './call-api.js';
import {
  REAL_DATABASES,
  type RealDatabase,
} from '../../packages/server/test/support/storage-backends.js';

const BUNDLED = [{ role: 'system' as const, content: 'You are a careful assistant (bundled).' }];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The client's clock, moved only by the test: cache ages and back-offs are decided by it, so
 * no assertion depends on how fast this machine runs.
 */
function manualClock(startMs = 1_000_000) {
  let ms = startMs;
  return { now: () => ms, advance: (by: number) => (ms += by) };
}

/** Polls until `done` (a generous real-time cap only keeps a broken build from hanging). */
async function until<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(10);
  }
}

for (const backend of REAL_DATABASES) {
  describe(`SDK prompt client against a real server (${backend.name})`, () => {
    let db: RealDatabase;
    let storage: Storage;
    let server: GlassboxServer;
    const clients: PromptClient[] = [];
    const errors: GlassboxSdkError[] = [];

    const api = async (method: string, path: string, body?: unknown) => {
      const res = await callApi(server.url, method, path, body);
      expect(res.status, `${method} ${path}`).toBeLessThan(300);
      return res.body;
    };
    const push = (text: string) =>
      api('POST', '/api/artifacts/prompt/support/versions', {
        content: [
          { role: 'system', content: text },
          { role: 'user', content: '{{question}}' },
        ],
      });
    const label = (version: number) =>
      api('PUT', '/api/artifacts/prompt/support/labels/production', { version, reason: 'test' });
    const client = (options: Partial<Parameters<typeof createPromptClient>[0]> = {}) => {
      const created = createPromptClient({
        endpoint: server.url,
        onError: (e) => errors.push(e),
        ...options,
      });
      clients.push(created);
      return created;
    };

    beforeEach(async () => {
      errors.length = 0;
      db = await backend.create();
      storage = await db.open();
      server = await createServer({
        storage,
        host: '127.0.0.1',
        port: 0,
        artifacts: { pollMs: 100 },
      });
      await push('v1: be brief');
      await push('v2: be thorough');
      await label(1);
    });
    afterEach(async () => {
      for (const c of clients.splice(0)) c.close();
      // Optional chaining: a failed beforeEach leaves these unset; report that failure, not this.
      await server?.close();
      await storage?.close();
      await db?.dispose();
    });

    it('serves the labelled version, renders it, then answers from cache', async () => {
      const prompts = client();
      const first = await prompts.getPrompt('support');
      expect(first).toMatchObject({
        name: 'support',
        version: 1,
        label: 'production',
        source: 'server',
        versions: { prompt: 'support@v1' },
      });
      expect(first?.render({ question: 'Where is my order?' })).toEqual([
        { role: 'system', content: 'v1: be brief' },
        { role: 'user', content: 'Where is my order?' },
      ]);
      expect(() => first?.render({})).toThrow(ArtifactError);
      expect(() => first?.render({})).toThrow(/"question", which was not given/);
      expect((await prompts.getPrompt('support'))?.source).toBe('cache');
      expect(errors).toEqual([]);
    });

    it('sees a label move through the stream, well inside the staleness bound', async () => {
      // The clock never moves, so the cached entry never ages: only the stream can refresh it.
      const prompts = client({ maxStalenessMs: 60_000, now: manualClock().now });
      expect((await prompts.getPrompt('support'))?.version).toBe(1);
      await until(
        async () => prompts.streaming,
        (s) => s,
      );
      await label(2);
      const seen = await until(
        () => prompts.getPrompt('support'),
        (p) => p?.version === 2,
      );
      expect(seen?.version).toBe(2);
    });

    it('without the stream, refetches once the entry is older than the bound: one fetch, not two', async () => {
      const clock = manualClock();
      const prompts = client({ stream: false, maxStalenessMs: 300, now: clock.now });
      expect((await prompts.getPrompt('support'))?.version).toBe(1);
      await label(2);
      clock.advance(299);
      expect(await prompts.getPrompt('support')).toMatchObject({ version: 1, source: 'cache' });
      clock.advance(1);
      expect(await prompts.getPrompt('support')).toMatchObject({ version: 2, source: 'server' });
    });

    it('keeps a session on its version across a rollback; revocation moves it on', async () => {
      const clock = manualClock();
      const prompts = client({ maxStalenessMs: 100, now: clock.now });
      expect((await prompts.getPrompt('support', { sessionId: 'old' }))?.version).toBe(1);
      await until(
        async () => prompts.streaming,
        (s) => s,
      );
      await label(2);
      // Past the bound: the session's entry is asked of the server again, which keeps the pin.
      clock.advance(150);
      expect((await prompts.getPrompt('support', { sessionId: 'old' }))?.version).toBe(1);
      expect((await prompts.getPrompt('support', { sessionId: 'new' }))?.version).toBe(2);
      // A second replica of the app shares the pin through the server.
      const replica = client({ stream: false });
      expect((await replica.getPrompt('support', { sessionId: 'old' }))?.version).toBe(1);
      await api('PUT', '/api/artifacts/prompt/support/versions/1/revoke', { reason: 'bad' });
      const moved = await until(
        () => prompts.getPrompt('support', { sessionId: 'old' }),
        (p) => p?.version === 2,
        3000,
      );
      expect(moved?.version).toBe(2);
    });

    it('shares one entry across users until a canary splits the label, then serves each user their arm', async () => {
      const prompts = client({ maxStalenessMs: 60_000 });
      expect((await prompts.getPrompt('support', { userId: 'u1' }))?.source).toBe('server');
      expect((await prompts.getPrompt('support', { userId: 'u2' }))?.source).toBe('cache');
      await until(
        async () => prompts.streaming,
        (s) => s,
      );
      await api('POST', '/api/artifacts/prompt/support/canary', { version: 2, percent: 50 });
      const versions = new Set<number | undefined>();
      for (let u = 0; u < 40; u++) {
        const served = await until(
          () => prompts.getPrompt('support', { userId: `user-${u}` }),
          (p) => p?.source === 'server' || p?.version === 2 || u > 0,
        );
        versions.add(served?.version);
      }
      expect(versions).toEqual(new Set([1, 2]));
      // Sticky: the same user gets the same arm again, from cache.
      const again = await prompts.getPrompt('support', { userId: 'user-0' });
      expect(again?.source).toBe('cache');
    });

    it('records the version on the current span', async () => {
      const exporter = new InMemorySpanExporter();
      let handle: GlassboxHandle | undefined;
      try {
        handle = init({ exporter, env: {}, scheduledDelayMillis: 10, onError: () => undefined });
        const prompts = client();
        await trace('answer', async () => {
          await prompts.getPrompt('support');
        });
        await handle.flush();
        const [span] = exporter.getFinishedSpans();
        expect(span?.attributes).toMatchObject({
          'glassbox.version.prompt': 'support@v1',
          'gen_ai.prompt.name': 'support',
          'glassbox.prompt.version': '1',
        });
      } finally {
        await handle?.shutdown();
      }
    });

    it('checkpoints a session with the versions it ran under and restores the one before a time', async () => {
      const clock = manualClock();
      const prompts = client({ now: clock.now });
      await prompts.getPrompt('support', { sessionId: 'conv' });
      const t0 = clock.now();
      expect(await prompts.snapshotSession('conv', { turns: ['hi'] })).toEqual(expect.any(String));
      clock.advance(5);
      await prompts.snapshotSession('conv', { turns: ['hi', 'corrupted'] }, { agent: 'v9' });
      expect(await prompts.restoreSession('conv', { before: new Date(t0 + 2) })).toMatchObject({
        state: { turns: ['hi'] },
        versions: { prompt: 'support@v1' },
      });
      expect((await prompts.restoreSession('conv'))?.versions).toEqual({
        prompt: 'support@v1',
        agent: 'v9',
      });
      expect(await prompts.restoreSession('nobody')).toBeUndefined();
      expect(errors).toEqual([]);
    });
  });
}

describe('SDK prompt client when the registry cannot answer', () => {
  it('serves the declared fallback, then the cache, never throwing, reporting each problem', async () => {
    const errors: string[] = [];
    const prompts = createPromptClient({
      endpoint: 'http://127.0.0.1:9',
      maxStalenessMs: 50,
      timeoutMs: 300,
      onError: (e) => errors.push(e.code),
    });
    try {
      const served = await prompts.getPrompt('support', { fallback: BUNDLED });
      expect(served).toMatchObject({
        source: 'fallback',
        versions: { prompt: 'support@fallback' },
      });
      expect(served.version).toBeUndefined();
      expect(served.render()).toEqual(BUNDLED);
      expect(await prompts.getPrompt('support')).toBeUndefined();
      expect(errors.length).toBeGreaterThan(0);
      expect(new Set(errors)).toEqual(new Set(['registry_unavailable']));
      // A throwing error handler is swallowed too.
      const rude = createPromptClient({
        endpoint: 'http://127.0.0.1:9',
        stream: false,
        onError: () => {
          throw new Error('handler bug');
        },
      });
      expect((await rude.getPrompt('x', { fallback: 'hi' })).source).toBe('fallback');
      expect(await rude.snapshotSession('s', { a: 1 })).toBeUndefined();
      expect(await rude.restoreSession('s')).toBeUndefined();
    } finally {
      prompts.close();
    }
  });

  it('does not wait on a hanging server call after call: the first times out, the next are served at once', async () => {
    const { createServer: createHttpServer } = await import('node:http');
    let requests = 0;
    const hanging = createHttpServer(() => void requests++);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const { port } = hanging.address() as { port: number };
    const clock = manualClock();
    const errors: string[] = [];
    const prompts = createPromptClient({
      endpoint: `http://127.0.0.1:${port}`,
      stream: false,
      timeoutMs: 300,
      now: clock.now,
      onError: (e) => errors.push(e.message),
    });
    const serve = () => prompts.getPrompt('support', { fallback: BUNDLED });
    try {
      expect((await serve()).source).toBe('fallback');
      expect(requests).toBe(1);
      expect(errors).toEqual([expect.stringMatching(/could not reach the registry/)]);
      // Within the back-off every call is served without a server call to wait on.
      for (let i = 0; i < 20; i++) expect((await serve()).source).toBe('fallback');
      expect(requests).toBe(1);
      // After it, the client tries the server again.
      clock.advance(1000);
      expect((await serve()).source).toBe('fallback');
      expect(requests).toBe(2);
    } finally {
      prompts.close();
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
    }
  });

  it('serves the cached version past the bound while the server is down, and the fallback for an unknown prompt', async () => {
    const db = await REAL_DATABASES[0]!.create();
    const storage = await db.open();
    let server = await createServer({ storage, host: '127.0.0.1', port: 0 });
    const errors: string[] = [];
    const clock = manualClock();
    const prompts = createPromptClient({
      endpoint: server.url,
      maxStalenessMs: 50,
      timeoutMs: 500,
      now: clock.now,
      onError: (e) => errors.push(e.message),
    });
    try {
      await fetch(`${server.url}/api/artifacts/prompt/support/versions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'Hello {{name}}' }),
      });
      expect((await prompts.getPrompt('support', { label: 'latest' }))?.version).toBe(1);
      const unknown = await prompts.getPrompt('nope', { fallback: BUNDLED });
      expect(unknown.source).toBe('fallback');
      expect(errors.join('\n')).toMatch(/prompt "nope" does not exist; prompt artifacts: support/);
      await server.close();
      clock.advance(80);
      const stale = await prompts.getPrompt('support', { label: 'latest' });
      expect(stale).toMatchObject({ version: 1, source: 'cache' });
      expect(stale?.render({ name: 'Ada' })).toBe('Hello Ada');
      server = await createServer({ storage, host: '127.0.0.1', port: 0 });
    } finally {
      prompts.close();
      await server.close();
      await storage.close();
      await db.dispose();
    }
  });
});
