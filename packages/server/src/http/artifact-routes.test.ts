import type { Storage } from '@glassbox/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from '../create-server.js';
import type { GlassboxServer } from '../server-options.js';
import { jsonClient, type JsonAnswer } from '../../test/support/json-client.js';
import { REAL_DATABASES, type RealDatabase } from '../../test/support/storage-backends.js';

const template = (text: string) => [
  { role: 'system', content: text },
  { role: 'user', content: '{{question}}' },
];

const client = (server: GlassboxServer) => jsonClient(server);

for (const backend of REAL_DATABASES) {
  describe(`artifact registry over HTTP (${backend.name})`, () => {
    let db: RealDatabase;
    const opened: { storage: Storage; server: GlassboxServer }[] = [];
    const replica = async (artifacts?: { pinIdleMs?: number; pollMs?: number }) => {
      const storage = await db.open();
      const server = await createServer({
        storage,
        host: '127.0.0.1',
        port: 0,
        ...(artifacts ? { artifacts } : {}),
      });
      opened.push({ storage, server });
      return client(server);
    };

    beforeEach(async () => {
      db = await backend.create();
    });
    afterEach(async () => {
      for (const { server, storage } of opened.splice(0)) {
        await server.close();
        await storage.close();
      }
      await db.dispose();
    });

    it('serves a label, pins sessions across a rollback, drains them, and breaks pins on revoke', async () => {
      const api = await replica();
      const base = '/api/artifacts/prompt/support';
      const v1 = await api.post(`${base}/versions`, {
        content: template('Be brief.'),
        config: { temperature: 0 },
        message: 'first',
        actor: 'ada',
      });
      expect(v1.status).toBe(201);
      expect(v1.body).toMatchObject({
        kind: 'prompt',
        name: 'support',
        version: 1,
        createdBy: 'ada',
      });
      expect(
        (await api.post(`${base}/versions`, { content: template('Be thorough.') })).body.version,
      ).toBe(2);
      expect((await api.get(`${base}/versions/2`)).body.content[0].content).toBe('Be thorough.');
      expect((await api.get(`${base}/versions`)).body.items).toHaveLength(2);

      const launch = await api.put(`${base}/labels/production`, {
        version: 2,
        reason: 'launch',
        actor: 'ada',
      });
      expect(launch).toMatchObject({
        status: 200,
        body: { label: 'production', to: 2, actor: 'ada' },
      });
      expect((await api.get(base)).body).toMatchObject({
        label: 'production',
        version: { version: 2 },
      });

      const first = await api.get(`${base}?label=production&sessionId=s-old`);
      expect(first.body.pin).toMatchObject({ sessionId: 's-old', outcome: 'new' });
      expect(first.body.version.version).toBe(2);

      const rollback = await api.put(`${base}/labels/production`, {
        version: 1,
        reason: 'refusals up 4x after v2',
        actor: 'oncall',
      });
      expect(rollback.body).toMatchObject({ from: 2, to: 1, reason: 'refusals up 4x after v2' });
      // The old session keeps v2 mid-conversation; a new session gets the rollback target.
      const kept = await api.get(`${base}?label=production&sessionId=s-old`);
      expect(kept.body).toMatchObject({ version: { version: 2 }, pin: { outcome: 'kept' } });
      const fresh = await api.get(`${base}?sessionId=s-new`);
      expect(fresh.body).toMatchObject({ version: { version: 1 }, pin: { outcome: 'new' } });
      expect((await api.get(`${base}/pins`)).body.items).toEqual([
        { label: 'production', version: 1, sessions: 1 },
        { label: 'production', version: 2, sessions: 1 },
      ]);

      const revoked = await api.put(`${base}/versions/2/revoke`, {
        reason: 'leaks PII',
        actor: 'sec',
      });
      expect(revoked.body.revokedAtMs).toEqual(expect.any(Number));
      const moved = await api.get(`${base}?label=production&sessionId=s-old`);
      expect(moved.body).toMatchObject({ version: { version: 1 }, pin: { outcome: 'revoked' } });
      expect((await api.get(`${base}/pins`)).body.items).toEqual([
        { label: 'production', version: 1, sessions: 2 },
      ]);

      const history = (await api.get(`${base}/history`)).body.items;
      expect(history.map((e: { type: string; actor: string }) => [e.type, e.actor])).toEqual([
        ['version_revoked', 'sec'],
        ['label_moved', 'oncall'],
        ['label_moved', 'ada'],
      ]);
      expect((await api.get('/api/artifacts')).body.items).toEqual([
        { kind: 'prompt', name: 'support', latestVersion: 2, labels: { production: 1 } },
      ]);

      expect((await api.del('/api/sessions/s-old/pins')).body).toEqual({ ended: 1 });
      expect((await api.get(`${base}?sessionId=s-old`)).body.pin.outcome).toBe('new');
    });

    it('re-pins a session that idled past the timeout to the current target', async () => {
      // Long enough that a loaded machine's slow turns do not idle the session out early.
      const api = await replica({ pinIdleMs: 1500 });
      const base = '/api/artifacts/model/router';
      await api.post(`${base}/versions`, { content: { model: 'gpt-4o-2024-08-06' } });
      await api.post(`${base}/versions`, { content: { model: 'gpt-4o-2024-11-20' } });
      await api.put(`${base}/labels/production`, { version: 1, reason: 'pin MRV' });
      expect((await api.get(`${base}?sessionId=s`)).body.version.version).toBe(1);
      await api.put(`${base}/labels/production`, { version: 2, reason: 'upgrade' });
      expect((await api.get(`${base}?sessionId=s`)).body.pin.outcome).toBe('kept');
      await new Promise((r) => setTimeout(r, 1700));
      expect((await api.get(`${base}?sessionId=s`)).body).toMatchObject({
        version: { version: 2 },
        pin: { outcome: 'expired' },
      });
    });

    it('answers bad input with clear 4xx errors naming what exists', async () => {
      const api = await replica();
      const base = '/api/artifacts/prompt/support';
      await api.post(`${base}/versions`, { content: template('x') });
      await api.post('/api/artifacts/prompt/billing/versions', { content: 'Hi {{name}}' });
      await api.put(`${base}/labels/production`, { version: 1, reason: 'launch' });
      const cases: [() => Promise<JsonAnswer>, number, string, RegExp][] = [
        [() => api.get('/api/artifacts/dataset/x'), 400, 'invalid_request', /kind/],
        [
          () => api.get('/api/artifacts/prompt/nope'),
          404,
          'not_found',
          /prompt "nope" does not exist; prompt artifacts: billing, support/,
        ],
        [
          () => api.get(`${base}?label=staging`),
          404,
          'not_found',
          /label "staging" does not exist; labels: production, latest/,
        ],
        [() => api.get(`${base}/versions/9`), 404, 'not_found', /has no version 9; versions: 1/],
        [
          () => api.put(`${base}/labels/production`, { version: 9, reason: 'x' }),
          400,
          'invalid_request',
          /version 9 does not exist; versions: 1/,
        ],
        [
          () => api.put(`${base}/labels/production`, { version: 1 }),
          400,
          'invalid_request',
          /reason/,
        ],
        [
          () => api.put(`${base}/labels/latest`, { version: 1, reason: 'x' }),
          400,
          'invalid_request',
          /cannot be moved/,
        ],
        [
          () => api.put(`${base}/labels/production`, { version: 1, reason: 'x', extra: 1 }),
          400,
          'invalid_request',
          /extra/,
        ],
        [
          () => api.put(`${base}/versions/1/revoke`, { reason: 'x' }),
          400,
          'invalid_request',
          /target of "production"; move that label first/,
        ],
        [
          () => api.post(`${base}/versions`, { content: [{ role: 'robot', content: 'x' }] }),
          400,
          'invalid_request',
          /content\[0\]\.role must be one of/,
        ],
        [() => api.post(`${base}/versions`, {}), 400, 'invalid_request', /content/],
        [
          () => api.post('/api/artifacts/prompt/bad%20name/versions', { content: 'x' }),
          400,
          'invalid_request',
          /name "bad name" is invalid/,
        ],
        [() => api.get(`${base}?labels=production`), 400, 'invalid_request', /labels/],
        [() => api.get('/api/sessions/s/snapshots/latest'), 404, 'not_found', /has no snapshot/],
        [() => api.get('/api/artifact-events?after=-1'), 400, 'invalid_request', /after/],
      ];
      for (const [answer, status, code, message] of cases) {
        const { status: got, body } = await answer();
        expect({ got, code: body.error.code, message: body.error.message }).toMatchObject({
          got: status,
          code,
        });
        expect(body.error.message).toMatch(message);
      }
      await api.post(`${base}/versions`, { content: template('y') });
      await api.put(`${base}/versions/2/revoke`, { reason: 'bad' });
      const toRevoked = await api.put(`${base}/labels/staging`, { version: 2, reason: 'x' });
      expect(toRevoked.status).toBe(400);
      expect(toRevoked.body.error.message).toMatch(/version 2 is revoked/);
    });

    it('keeps session snapshots with their versions and returns the one before a time', async () => {
      const api = await replica();
      const path = '/api/sessions/conv-7/snapshots';
      const early = await api.post(path, {
        state: { turns: ['hi'] },
        versions: { prompt: 'support@v1' },
        takenAtMs: 1000,
      });
      expect(early.status).toBe(201);
      await api.post(path, {
        state: { turns: ['hi', 'corrupted'] },
        versions: { prompt: 'support@v2' },
        takenAtMs: 2000,
      });
      expect((await api.get(`${path}/latest?before=1500`)).body).toMatchObject({
        id: early.body.id,
        state: { turns: ['hi'] },
        versions: { prompt: 'support@v1' },
      });
      expect((await api.get(`${path}/latest`)).body.versions).toEqual({ prompt: 'support@v2' });
    });

    it('streams label moves to a waiting long poll, from this replica at once and from another within the poll interval', async () => {
      const a = await replica({ pollMs: 100 });
      const b = await replica({ pollMs: 100 });
      const base = '/api/artifacts/prompt/support';
      await a.post(`${base}/versions`, { content: 'v1' });
      await a.post(`${base}/versions`, { content: 'v2' });
      const { lastSeq } = (await a.get('/api/artifact-events')).body;
      expect(lastSeq).toBe(0);

      const waitingOnA = a.get(`/api/artifact-events?after=${lastSeq}&waitMs=10000`);
      const waitingOnB = b.get(`/api/artifact-events?after=${lastSeq}&waitMs=10000`);
      await new Promise((r) => setTimeout(r, 200));
      const movedAt = Date.now();
      await a.put(`${base}/labels/production`, { version: 2, reason: 'ship' });
      const [onA, onB] = await Promise.all([
        waitingOnA.then((r) => ({ ...r, ms: Date.now() - movedAt })),
        waitingOnB.then((r) => ({ ...r, ms: Date.now() - movedAt })),
      ]);
      for (const page of [onA, onB]) {
        expect(page.body).toMatchObject({
          lastSeq: 1,
          items: [{ seq: 1, type: 'label_moved', name: 'support', label: 'production', to: 2 }],
        });
      }
      expect(onA.ms).toBeLessThan(1000);
      expect(onB.ms).toBeLessThan(1000);

      const quiet = Date.now();
      expect((await a.get('/api/artifact-events?after=1&waitMs=300')).body).toEqual({
        items: [],
        lastSeq: 1,
      });
      expect(Date.now() - quiet).toBeGreaterThanOrEqual(280);
    });

    it('splits traffic by hashed user, kills a regressing canary and promotes a passing one', async () => {
      const api = await replica();
      const base = '/api/artifacts/prompt/support';
      for (const text of ['v1', 'v2', 'v3'])
        await api.post(`${base}/versions`, { content: template(text) });
      await api.put(`${base}/labels/production`, { version: 1, reason: 'launch' });
      const bad: [unknown, RegExp][] = [
        [{ version: 2, percent: 150 }, /canary percent must be within 0-100, got 150/],
        [{ version: 2, percent: 5, unit: 'tenant' }, /unit must be one of user, session/],
        [{ version: 1, percent: 5 }, /already serves/],
        [{ version: 9, percent: 5 }, /version 9 does not exist/],
      ];
      for (const [body, message] of bad) {
        const answer = await api.post(`${base}/canary`, body);
        expect(answer.status).toBe(400);
        expect(answer.body.error.message).toMatch(message);
      }
      const started = await api.post(`${base}/canary`, {
        version: 2,
        percent: 50,
        minSamples: 100000,
      });
      expect(started).toMatchObject({
        status: 201,
        body: { state: { status: 'running', spec: { percent: 50, unit: 'user' } } },
      });
      const second = await api.post(`${base}/canary`, { version: 3, percent: 5 });
      expect(second.status).toBe(400);
      expect(second.body.error.message).toMatch(/already has a running canary/);

      const arms = new Map<string, number>();
      for (let u = 0; u < 60; u++) {
        const first = (await api.get(`${base}?userId=u${u}&sessionId=s${u}`)).body;
        const again = (await api.get(`${base}?userId=u${u}`)).body;
        expect(again.arm).toBe(first.arm);
        expect(first.version.version).toBe(first.arm === 'canary' ? 2 : 1);
        arms.set(`u${u}`, first.version.version);
      }
      const onCanary = [...arms.values()].filter((v) => v === 2).length;
      expect(onCanary).toBeGreaterThan(10);
      expect(onCanary).toBeLessThan(50);

      const outcomes = Array.from({ length: 400 }, (_, i) => ({
        version: i % 2 === 0 ? 1 : 2,
        metric: 'error',
        failed: i % 2 === 0 ? i % 40 === 0 : i % 4 === 1,
      }));
      const judged = await api.post(`${base}/canary/outcomes`, { outcomes });
      expect(judged.body.verdict).toMatchObject({ action: 'kill', metric: 'error' });
      expect(judged.body.canary.state.reason).toMatch(/error rate .* on v2 vs .* on control/);
      expect((await api.get(base)).body.version.version).toBe(1);
      // A session the canary had pinned to v2 moves to the label's version at its next turn.
      const pinnedToCanary = [...arms.entries()].find(([, v]) => v === 2)![0].slice(1);
      const next = (await api.get(`${base}?userId=u${pinnedToCanary}&sessionId=s${pinnedToCanary}`))
        .body;
      expect(next).toMatchObject({ version: { version: 1 }, pin: { outcome: 'revoked' } });
      expect((await api.get(`${base}/canary`)).body.state.status).toBe('killed');
      const late = await api.post(`${base}/canary/outcomes`, {
        outcomes: [{ arm: 'canary', metric: 'error', failed: true }],
      });
      expect(late.status).toBe(400);

      await api.post(`${base}/canary`, {
        version: 3,
        percent: 10,
        minSamples: 50,
        ramp: [50, 100],
      });
      const passing = (n: number) =>
        Array.from({ length: n }, (_, i) => ({
          arm: i % 2 === 0 ? 'control' : 'canary',
          metric: 'error',
          failed: i % 20 < 2,
        }));
      expect(
        (await api.post(`${base}/canary/outcomes`, { outcomes: passing(120) })).body.verdict,
      ).toEqual({
        action: 'ramp',
        percent: 50,
      });
      const promoted = await api.post(`${base}/canary/outcomes`, { outcomes: passing(120) });
      expect(promoted.body.verdict).toEqual({ action: 'promote' });
      expect((await api.get(base)).body.version.version).toBe(3);
      const trail = (await api.get(`${base}/history`)).body.items.map(
        (e: { type: string; actor: string }) => `${e.type}:${e.actor}`,
      );
      expect(trail.slice(0, 4)).toEqual([
        'label_moved:canary-gate',
        'canary_started:api',
        'canary_killed:canary-gate',
        'canary_started:api',
      ]);
    });

    it('answers a waiting long poll at shutdown instead of holding the server open', async () => {
      const api = await replica();
      const { server, storage } = opened.pop()!;
      const waiting = api.get('/api/artifact-events?after=0&waitMs=30000');
      await new Promise((r) => setTimeout(r, 100));
      const started = Date.now();
      await server.close();
      expect(Date.now() - started).toBeLessThan(5000);
      expect((await waiting).body).toEqual({ items: [], lastSeq: 0 });
      await storage.close();
    });
  });
}
