import { createServer as createHttpServer, request, type Server } from 'node:http';
import { createPromptClient, type GlassboxSdkError, type PromptClient } from '@glassbox/sdk';
import { createServer, type GlassboxServer } from '@glassbox/server';
import { createMemoryStorage } from '@glassbox/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/*
 * Label moves reach the SDK pushed as Server-Sent Events; a server or proxy that does not
 * stream leaves it on the long poll, and both invalidate the cache long before the staleness
 * bound.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(probe: () => Promise<T> | T, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(10);
  }
}

/**
 * A pass-through proxy in front of the server that counts the resolutions it forwards
 * (`GET /api/artifacts/...?label=`); with `push: false` it answers the push stream with 404,
 * as an older server would.
 */
function proxy(
  target: string,
  { push }: { push: boolean },
): Promise<{ url: string; resolutions: () => number; close: () => Promise<void> }> {
  let resolutions = 0;
  const server: Server = createHttpServer((req, res) => {
    if (req.method === 'GET' && /^\/api\/artifacts\/[^/]+\/[^/?]+\?/.test(req.url ?? ''))
      resolutions++;
    if (!push && req.url?.startsWith('/api/artifact-events/stream')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'not_found', message: 'no such route' } }));
      return;
    }
    const upstream = request(`${target}${req.url}`, { method: req.method, headers: req.headers });
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        resolutions: () => resolutions,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    }),
  );
}

describe('label moves pushed to the SDK', () => {
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
  const label = (version: number) =>
    api('PUT', '/api/artifacts/prompt/support/labels/production', { version, reason: 'test' });
  const client = (endpoint: string, options: { push?: boolean } = {}) => {
    const created = createPromptClient({
      endpoint,
      maxStalenessMs: 60_000,
      onError: (e) => errors.push(e),
      ...options,
    });
    clients.push(created);
    return created;
  };

  beforeEach(async () => {
    errors.length = 0;
    server = await createServer({ storage: createMemoryStorage(), host: '127.0.0.1', port: 0 });
    for (const text of ['v1', 'v2', 'v3']) {
      await fetch(`${server.url}/api/artifacts/prompt/support/versions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content: [{ role: 'system', content: text }] }),
      });
    }
    await label(1);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await server?.close();
  });

  it('receives moves as Server-Sent Events', async () => {
    const prompts = client(server.url);
    expect((await prompts.getPrompt('support'))?.version).toBe(1);
    expect(
      await until(
        () => prompts.transport,
        (t) => t !== undefined,
      ),
    ).toBe('push');
    await label(2);
    // The staleness bound is a minute: only the pushed event can make this version 2.
    expect(
      (
        await until(
          () => prompts.getPrompt('support'),
          (p) => p?.version === 2,
        )
      )?.version,
    ).toBe(2);
    await label(3);
    expect(
      (
        await until(
          () => prompts.getPrompt('support'),
          (p) => p?.version === 3,
        )
      )?.version,
    ).toBe(3);
    expect(errors).toEqual([]);
  });

  it('serves a pushed move from the event itself, with no refetch', async () => {
    const counted = await proxy(server.url, { push: true });
    try {
      const prompts = client(counted.url);
      const users = ['u1', 'u2'];
      for (const userId of users) await prompts.getPrompt('support', { userId });
      expect((await prompts.getPrompt('support'))?.version).toBe(1);
      await until(
        () => prompts.transport,
        (t) => t !== undefined,
      );
      const before = counted.resolutions();
      await label(3);
      const moved = await until(
        () => prompts.getPrompt('support'),
        (p) => p?.version === 3,
      );
      expect(moved?.version).toBe(3);
      expect(moved?.render({})).toEqual([{ role: 'system', content: 'v3' }]);
      for (const userId of users)
        expect((await prompts.getPrompt('support', { userId }))?.version).toBe(3);
      expect(counted.resolutions()).toBe(before);
      expect(errors).toEqual([]);
      prompts.close();
    } finally {
      await counted.close();
    }
  });

  it('falls back to the long poll when the push stream is not served, and still sees moves', async () => {
    const noPush = await proxy(server.url, { push: false });
    try {
      const prompts = client(noPush.url);
      expect((await prompts.getPrompt('support'))?.version).toBe(1);
      expect(
        await until(
          () => prompts.transport,
          (t) => t !== undefined,
        ),
      ).toBe('poll');
      await label(2);
      expect(
        (
          await until(
            () => prompts.getPrompt('support'),
            (p) => p?.version === 2,
          )
        )?.version,
      ).toBe(2);
      expect(errors).toEqual([]);
      prompts.close();
    } finally {
      await noPush.close();
    }
  });

  it('uses the long poll when push is turned off', async () => {
    const prompts = client(server.url, { push: false });
    await prompts.getPrompt('support');
    expect(
      await until(
        () => prompts.transport,
        (t) => t !== undefined,
      ),
    ).toBe('poll');
    await label(2);
    expect(
      (
        await until(
          () => prompts.getPrompt('support'),
          (p) => p?.version === 2,
        )
      )?.version,
    ).toBe(2);
  });
});
