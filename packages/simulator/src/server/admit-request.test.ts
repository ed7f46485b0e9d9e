import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../start-simulator.js';
import { startSimulator } from '../start-simulator.js';

let sim: RunningSimulator;
let client: OpenAI;
beforeAll(async () => {
  sim = await startSimulator({ seed: 9 });
  client = new OpenAI({ baseURL: sim.baseURL, apiKey: 'sim', maxRetries: 0 });
});
afterEach(() => sim.resetConfig());
afterAll(() => sim.close());

const ask = (content: string) => ({
  model: 'sim-gpt-4o',
  messages: [{ role: 'user' as const, content }],
});

describe('transport faults', () => {
  it('answers 429 with Retry-After, surfacing as RateLimitError', async () => {
    sim.setConfig({ behavior: { rateLimit: { rate: 1, retryAfterSeconds: 7 } } });
    const error = await client.chat.completions.create(ask('hi')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const rateError = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rateError.headers.get('retry-after')).toBe('7');
    expect(rateError.code).toBe('rate_limit_exceeded');
    expect(rateError.headers.get('x-request-id')).toMatch(/^req_/);
    expect(sim.stats().injected['rate-limit']).toBe(1);
  });

  it('enforces a requests-per-window quota per model', async () => {
    sim.setConfig({
      behavior: { rateLimit: { requestsPerWindow: 2, windowMs: 60_000, retryAfterSeconds: 1 } },
    });
    await client.chat.completions.create(ask('one'));
    await client.chat.completions.create(ask('two'));
    const error = await client.chat.completions.create(ask('three')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(
      Number((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')),
    ).toBeGreaterThan(50);
    await expect(
      client.chat.completions.create({ ...ask('other model'), model: 'sim-gpt-4o-mini' }),
    ).resolves.toBeTruthy();
  });

  it('scopes faults to requests matching a rule', async () => {
    sim.setConfig({
      rules: [
        {
          name: 'flaky-billing',
          match: { pattern: 'invoice' },
          behavior: { serverErrors: { rate: 1, statuses: [503] } },
        },
      ],
    });
    const error = await client.chat.completions
      .create(ask('Where is my invoice?'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as InstanceType<typeof OpenAI.InternalServerError>).status).toBe(503);
    expect(
      (error as InstanceType<typeof OpenAI.InternalServerError>).headers.get('retry-after'),
    ).toBe('1');
    await expect(client.chat.completions.create(ask('Where is my parcel?'))).resolves.toBeTruthy();
    expect(sim.stats().recent.at(-2)?.rules).toEqual(['flaky-billing']);
  });

  it('stops a 5xx burst when its window ends', async () => {
    sim.setConfig({
      behavior: { serverErrors: { rate: 1, statuses: [500, 502], durationMs: 150 } },
    });
    const error = await client.chat.completions.create(ask('burst')).catch((e: unknown) => e);
    expect([500, 502]).toContain((error as { status: number }).status);
    await new Promise((r) => setTimeout(r, 200));
    await expect(client.chat.completions.create(ask('burst'))).resolves.toBeTruthy();
  });

  it('hangs past the client timeout', async () => {
    sim.setConfig({ behavior: { hangRate: 1 } });
    const error = await client.chat.completions
      .create(ask('hang'), { timeout: 150 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    expect(sim.stats().processed.total).toBe(0);
  });

  it('counts the side effect of a request whose answer arrives after the timeout', async () => {
    sim.setConfig({ behavior: { lateResponse: { rate: 1, delayMs: 1_000 } } });
    const error = await client.chat.completions
      .create(ask('charge the card'), { timeout: 150, headers: { 'Idempotency-Key': 'charge-42' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    const toolCall = await fetch(`${sim.url}/v1/tools/issue_refund`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'refund-7' },
      body: JSON.stringify({ order: 'A-1', amount: 20 }),
      signal: AbortSignal.timeout(150),
    }).catch((e: unknown) => e);
    expect((toolCall as Error).name).toBe('TimeoutError');
    const stats = sim.stats();
    expect(stats.processed.byIdempotencyKey).toMatchObject({ 'charge-42': 1, 'refund-7': 1 });
    expect(stats.processed.byTool).toEqual({ issue_refund: 1 });
  });

  it('applies lognormal latency around the configured median', async () => {
    sim.setConfig({ behavior: { latency: { medianMs: 40, p95Ms: 60 } } });
    const started = Date.now();
    await client.chat.completions.create(ask('slow'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(20);
  });
});
