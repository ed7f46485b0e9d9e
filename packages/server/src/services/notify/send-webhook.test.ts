import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendWebhook } from './send-webhook.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function listen(statuses: number[]): Promise<{ url: string; bodies: unknown[] }> {
  const bodies: unknown[] = [];
  server = createServer((req: IncomingMessage, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      bodies.push(JSON.parse(data));
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/hook`, bodies };
}

describe('sendWebhook', () => {
  it('retries a failing endpoint with growing jittered back-off until it succeeds', async () => {
    const { url, bodies } = await listen([503, 500, 200]);
    const delays: number[] = [];
    const result = await sendWebhook(
      url,
      { text: 'hi' },
      { baseDelayMs: 100 },
      {
        sleep: async (ms) => void delays.push(ms),
        random: () => 0.5,
      },
    );
    expect(result).toEqual({ ok: true, attempts: 3, status: 200 });
    expect(bodies).toEqual([{ text: 'hi' }, { text: 'hi' }, { text: 'hi' }]);
    expect(delays).toEqual([50, 100]);
  });

  it('gives up after the allowed attempts and does not retry a 400', async () => {
    const failing = await listen([500, 500, 500, 500]);
    const r = await sendWebhook(failing.url, {}, { attempts: 3, baseDelayMs: 1 });
    expect(r).toMatchObject({ ok: false, attempts: 3, status: 500 });
    expect(failing.bodies).toHaveLength(3);
    await new Promise<void>((res) => server!.close(() => res()));
    const bad = await listen([400]);
    expect(await sendWebhook(bad.url, {}, { baseDelayMs: 1 })).toMatchObject({
      ok: false,
      attempts: 1,
      status: 400,
    });
  });

  it('reports an unreachable endpoint without throwing', async () => {
    const r = await sendWebhook('http://127.0.0.1:9/none', {}, { attempts: 2, baseDelayMs: 1 });
    expect(r.ok).toBe(false);
    expect(r.attempts).toBe(2);
    expect(r.error).toBeTruthy();
  });
});
