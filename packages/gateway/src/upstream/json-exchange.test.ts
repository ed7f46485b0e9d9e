import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderConfig } from '@glassbox/core/providers';
import { DEFAULT_PROVIDER_TIMEOUTS } from '@glassbox/core/providers';
import { exchangeJson, headerObject } from './json-exchange.js';

let seen: { url: string; headers: IncomingMessage['headers']; body: string }[] = [];
let baseUrl = '';
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    seen.push({ url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() });
    if (req.url!.endsWith('/hang')) return;
    if (req.url!.endsWith('/reset')) {
      req.socket.destroy();
      return;
    }
    res.writeHead(req.url!.endsWith('/limited') ? 429 : 200, [
      'Content-Type',
      'application/json',
      'Retry-After',
      '2',
      'X-Request-Id',
      'req_1',
      'X-Request-Id',
      'req_2',
    ]);
    res.end('{"ok":true}');
  });
});

function provider(headers: Record<string, string> = {}): ProviderConfig {
  return {
    name: 'local',
    baseUrl: `${baseUrl}/v1/`,
    apiKeyEnv: null,
    models: [],
    headers,
    timeouts: { ...DEFAULT_PROVIDER_TIMEOUTS },
  };
}

/** A bare exchange with an empty body and no caller headers. */
function exchange(path: string, deadlineMs = 5_000, to: ProviderConfig = provider()) {
  return exchangeJson({
    provider: to,
    path,
    body: Buffer.from('{}'),
    callerHeaders: [],
    apiKey: null,
    deadlineMs,
  });
}

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('exchangeJson', () => {
  it('sends the body under the base path and returns the whole answer with every header, names lower-cased', async () => {
    seen = [];
    const answer = await exchangeJson({
      provider: provider({ 'X-Team': 'ops' }),
      path: '/chat/completions',
      body: Buffer.from('{"model":"m"}'),
      callerHeaders: [
        'Host',
        'gateway',
        'Authorization',
        'Bearer glassbox-key',
        'X-Glassbox-Session',
        's1',
        'x-team',
        'caller',
        'Content-Type',
        'text/plain',
        'Traceparent',
        '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      ],
      apiKey: 'sk-upstream',
      deadlineMs: 5_000,
    });
    expect(answer).toMatchObject({ ok: true, status: 200 });
    if (!answer.ok) return;
    expect(answer.body.toString()).toBe('{"ok":true}');
    expect(headerObject(answer.headers)).toMatchObject({
      'content-type': 'application/json',
      'x-request-id': ['req_1', 'req_2'],
    });
    const [request] = seen;
    expect(request!.url).toBe('/v1/chat/completions');
    expect(request!.body).toBe('{"model":"m"}');
    // Hop-by-hop and gateway headers stay behind; the provider's own replace the caller's.
    expect(request!.headers.authorization).toBe('Bearer sk-upstream');
    expect(request!.headers['x-team']).toBe('ops');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['x-glassbox-session']).toBeUndefined();
    expect(request!.headers.traceparent).toMatch(/^00-0af7/);
  });

  it('returns an error answer as an answer, for the caller to classify', async () => {
    const answer = await exchange('/limited');
    expect(answer).toMatchObject({ ok: true, status: 429 });
    expect(headerObject(answer.ok ? answer.headers : [])['retry-after']).toBe('2');
  });

  it('settles at the deadline when no answer comes, and says it timed out', async () => {
    const started = Date.now();
    const answer = await exchange('/hang', 200);
    expect(answer).toMatchObject({ ok: false, timedOut: true });
    expect(answer.ok ? '' : answer.error.message).toBe('no answer within 200 ms');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('reports a connection reset as a break that is not a timeout', async () => {
    const answer = await exchange('/reset');
    expect(answer).toMatchObject({ ok: false, timedOut: false, status: null });
  });

  it('reports a refused connection the same way, naming its code', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const answer = await exchange('/x', 5_000, {
      ...provider(),
      baseUrl: `http://127.0.0.1:${port}`,
    });
    expect(answer.ok ? null : answer.error.code).toBe('ECONNREFUSED');
  });
});
