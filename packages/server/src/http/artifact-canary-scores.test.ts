import { createMemoryStorage } from '@glassbox/store';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../create-server.js';
import type { GlassboxServer } from '../server-options.js';
import { jsonClient } from '../../test/support/json-client.js';

const BASE = '/api/artifacts/prompt/support';

describe('canary judged by per-trace evaluator scores', () => {
  let server: GlassboxServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('counts a score below its threshold as a failure of that gate metric, and refuses outcomes without a verdict', async () => {
    server = await createServer({ storage: createMemoryStorage(), host: '127.0.0.1', port: 0 });
    const api = jsonClient(server);
    for (const text of ['one', 'two']) {
      await api.post(`${BASE}/versions`, { content: [{ role: 'system', content: text }] });
    }
    await api.put(`${BASE}/labels/production`, { version: 1, reason: 'launch' });
    await api.post(`${BASE}/canary`, {
      version: 2,
      percent: 10,
      metrics: ['faithfulness', 'error'],
      minSamples: 1000,
    });
    const judged = await api.post(`${BASE}/canary/outcomes`, {
      outcomes: [
        { version: 1, metric: 'faithfulness', score: 0.9, passThreshold: 0.7, traceId: 't1' },
        { version: 2, metric: 'faithfulness', score: 0.4, passThreshold: 0.7, traceId: 't2' },
        { arm: 'canary', metric: 'faithfulness', score: 0.8, passThreshold: 0.7 },
        { arm: 'control', metric: 'error', failed: true },
      ],
    });
    expect(judged.status).toBe(200);
    const metrics = judged.body.canary.state.metrics;
    expect(metrics.faithfulness).toMatchObject({
      control: { successes: 0, trials: 1 },
      treatment: { successes: 1, trials: 2 },
    });
    expect(metrics.error.control).toEqual({ successes: 1, trials: 1 });

    for (const outcome of [
      { arm: 'canary', metric: 'faithfulness' },
      { arm: 'canary', metric: 'faithfulness', score: 0.9, failed: true },
      { arm: 'canary', metric: 'faithfulness', score: 'high' },
    ]) {
      const refused = await api.post(`${BASE}/canary/outcomes`, { outcomes: [outcome] });
      expect(refused.status, JSON.stringify(outcome)).toBe(400);
    }
    // A refused batch counts nothing.
    const after = await api.get(`${BASE}/canary`);
    expect(after.body.state.metrics.faithfulness.treatment.trials).toBe(2);
  });
});
