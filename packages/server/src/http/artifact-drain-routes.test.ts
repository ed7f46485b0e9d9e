import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStorage } from '@glassbox/store';
import { createServer } from '../create-server.js';
import type { GlassboxServer } from '../server-options.js';
import { jsonClient } from '../../test/support/json-client.js';

const BASE = '/api/artifacts/prompt/support';
const template = [{ role: 'system', content: 'Be brief.' }];

describe('pinned-session drain over HTTP', () => {
  let server: GlassboxServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('draws live sessions per version over a window and refuses a window it cannot draw', async () => {
    server = await createServer({
      storage: createMemoryStorage(),
      host: '127.0.0.1',
      port: 0,
      artifacts: { pinIdleMs: 60_000 },
    });
    const api = jsonClient(server);
    await api.post(`${BASE}/versions`, { content: template });
    await api.post(`${BASE}/versions`, { content: template });
    await api.put(`${BASE}/labels/production`, { version: 1, reason: 'launch' });
    await api.get(`${BASE}?sessionId=s1`);
    await api.get(`${BASE}?sessionId=s2`);
    await api.put(`${BASE}/labels/production`, { version: 2, reason: 'next' });
    await api.get(`${BASE}?sessionId=s3`);

    const drain = await api.get(`${BASE}/pins/drain?windowMs=60000&points=5`);
    expect(drain.status).toBe(200);
    const series = drain.body.items as {
      version: number;
      points: { atMs: number; sessions: number }[];
    }[];
    expect(series.map((s) => s.version)).toEqual([1, 2]);
    // Pinned moments ago: live at the last instant (now), not at the window's start.
    expect(series.map((s) => s.points.at(-1)!.sessions)).toEqual([2, 1]);
    expect(series.map((s) => s.points[0]!.sessions)).toEqual([0, 0]);
    expect(series[0]!.points).toHaveLength(5);

    for (const [query, pattern] of [
      ['points=1', /points/],
      ['points=501', /points/],
      ['windowMs=5', /windowMs/],
      ['nope=1', /nope|additional/],
    ] as const) {
      const refused = await api.get(`${BASE}/pins/drain?${query}`);
      expect(refused.status, query).toBe(400);
      expect(refused.body.error.message, query).toMatch(pattern);
    }
    const unknown = await api.get('/api/artifacts/prompt/nope/pins/drain');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
  });
});
