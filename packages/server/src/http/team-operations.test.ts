import { afterEach, describe, expect, it } from 'vitest';
import type { Storage } from '@glassbox/store';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../build-app.js';
import { KEY_CACHE_MS } from './auth/project-resolver.js';
import { REAL_DATABASES, type RealDatabase } from '../../test/support/storage-backends.js';
import { requestSpan } from '../../test/support/request-span.js';
import { PROTOBUF } from '../../test/support/test-app.js';
import { protobufTraceBody, recordSpans } from '../../test/support/otlp-bodies.js';

const opened: { app: FastifyInstance; storage: Storage }[] = [];
const databases: RealDatabase[] = [];
afterEach(async () => {
  for (const { app, storage } of opened.splice(0)) {
    await app.close();
    await storage.close().catch(() => {});
  }
  for (const db of databases.splice(0)) await db.dispose();
});

async function serverOn(db: RealDatabase) {
  const storage = await db.open();
  const app = await buildApp({
    host: '127.0.0.1',
    port: 0,
    storage,
    detection: { enabled: false },
  });
  opened.push({ app, storage });
  return { app, storage };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

for (const kind of REAL_DATABASES) {
  describe(`running for a team (${kind.name})`, () => {
    it('refuses a revoked key on every replica within a second', async () => {
      const db = await kind.create();
      databases.push(db);
      const a = await serverOn(db);
      const b = await serverOn(db);
      const { key: admin } = await a.storage.projects.createApiKey('default');
      const { key, record } = await a.storage.projects.createApiKey('default');
      expect((await b.app.inject({ url: '/api/traces', headers: bearer(key) })).statusCode).toBe(
        200,
      );
      const revoke = await a.app.inject({
        method: 'POST',
        url: `/api/keys/${record.prefix}/revoke`,
        headers: bearer(admin),
      });
      expect(revoke.statusCode).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, KEY_CACHE_MS + 100));
      expect((await b.app.inject({ url: '/api/traces', headers: bearer(key) })).statusCode).toBe(
        401,
      );
    });

    it('deletes a user on request: no route returns the data, not even after a restart', async () => {
      const db = await kind.create();
      databases.push(db);
      const first = await serverOn(db);
      const spans = Array.from({ length: 6 }, (_, i) => ({
        ...requestSpan(i + 1, 1_700_000_000_000 + i * 1000, { error: i % 2 === 0 }),
        userId: i < 4 ? 'user-42' : 'user-7',
        sessionId: i < 4 ? 'session-42' : 'session-7',
      }));
      await first.storage.traces.writeSpans(spans);
      // Online eval scores, review items and labels hang off the traces too.
      const { online, reviews } = first.storage.evals;
      for (const { traceId } of spans) {
        const ref = { projectId: 'default', traceId };
        await online.putOnlineScores([
          { ...ref, name: 'tone', score: 0, pass: false, reason: 'rude', ruleId: 'r', atMs: 1 },
        ]);
        await reviews.enqueueReviews([{ ...ref, reason: 'flagged', createdAtMs: 1 }]);
        await reviews.putReviewLabels([
          { ...ref, dimension: 'tone', rater: 'ann', verdict: 'fail', atMs: 2 },
        ]);
      }
      // An experiment whose calls started two of the traces: one deleted, one kept.
      const outcome = (itemId: string, traceId: string) => ({
        itemId,
        repeat: 0,
        output: 'Refunds take 14 days',
        pass: true,
        score: 1,
        namedScores: {},
        reason: 'ok',
        traceId,
        assertions: [],
      });
      await first.storage.evals.runs.saveExperimentRun({
        id: 'run-1',
        projectId: 'default',
        dataset: 'support',
        datasetVersion: 1,
        target: 'openai:chat:gpt-x',
        repeats: 1,
        createdAtMs: 1,
        passRate: 1,
        outcomeCount: 2,
        outcomes: [outcome('a', spans[1]!.traceId), outcome('b', spans[5]!.traceId)],
      });
      const deleted = await first.app.inject({
        method: 'POST',
        url: '/api/deletions',
        payload: { userId: 'user-42' },
      });
      expect(deleted.statusCode).toBe(200);
      expect(deleted.json()).toEqual({ traces: 4, spans: 4 });
      const audit = (await first.app.inject('/api/audit')).json().items;
      expect(audit[0]).toMatchObject({
        action: 'data.deleted',
        target: 'userId:user-42',
        after: { traces: 4, spans: 4 },
      });
      await first.app.close();
      await first.storage.close();
      opened.splice(0);

      const second = await serverOn(db);
      const get = async (url: string) => (await second.app.inject(url)).body;
      const everything = [
        await get('/api/traces?limit=100'),
        await get('/api/traces?userId=user-42'),
        await get('/api/traces?text=question'),
        await get('/api/sessions'),
        await get('/api/failures/summary?from=2023-01-01T00:00:00Z&to=2024-01-01T00:00:00Z'),
        await get('/api/reviews?limit=100'),
        await get('/api/eval-runs/run-1'),
        await get(`/api/traces/${spans[5]!.traceId}/scores`),
      ].join('\n');
      expect(everything).not.toContain('user-42');
      expect(everything).not.toContain('session-42');
      for (const span of spans.slice(0, 4)) expect(everything).not.toContain(span.traceId);
      expect(everything).toContain(spans[5]!.traceId);
      // Asked by name, the deleted session and trace are not found.
      for (const url of [
        '/api/sessions/session-42',
        `/api/traces/${spans[0]!.traceId}`,
        `/api/traces/${spans[0]!.traceId}/diagnosis`,
        `/api/traces/${spans[0]!.traceId}/scores`,
      ]) {
        expect((await second.app.inject(url)).statusCode).toBe(404);
      }
      // The experiment keeps its outcomes; only the kept trace still links to one.
      const run = JSON.parse(await get('/api/eval-runs/run-1'));
      expect(run.outcomes.map((o: { traceId?: string }) => o.traceId)).toEqual([
        undefined,
        spans[5]!.traceId,
      ]);
      const scores = JSON.parse(await get(`/api/traces/${spans[5]!.traceId}/scores`));
      expect(scores.experiments).toHaveLength(1);
      expect(
        await second.storage.evals.runs.listTraceRunOutcomes('default', spans[1]!.traceId),
      ).toEqual([]);
      const list = JSON.parse(await get('/api/traces?limit=100'));
      expect(list.items).toHaveLength(2);
      const labels = await second.storage.evals.reviews.listReviewLabels('default');
      expect(labels.map((l) => l.traceId)).toEqual(spans.slice(4).map((s) => s.traceId));
      expect(
        await second.storage.evals.online.listOnlineScores('default', spans[0]!.traceId),
      ).toEqual([]);
    });

    it('refuses a deletion request naming nothing or two things', async () => {
      const db = await kind.create();
      databases.push(db);
      const { app } = await serverOn(db);
      for (const payload of [{}, { userId: 'a', sessionId: 'b' }, { userId: '' }, { user: 'a' }]) {
        const res = await app.inject({ method: 'POST', url: '/api/deletions', payload });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('invalid_request');
      }
    });

    it('turns unhealthy and refuses ingest with 503 and Retry-After when storage fails', async () => {
      const db = await kind.create();
      databases.push(db);
      const { app, storage } = await serverOn(db);
      const healthy = await app.inject('/api/health');
      expect(healthy.statusCode).toBe(200);
      expect(healthy.json().checks).toMatchObject({
        storageReachable: true,
        storageWritable: true,
        ingestQueueSpans: 0,
        backgroundLagMs: expect.any(Number),
        databaseBytes: expect.any(Number),
      });
      if (kind.name === 'sqlite') expect(healthy.json().checks.diskFreeBytes).toBeGreaterThan(0);

      await storage.close();
      const sick = await app.inject('/api/health');
      expect(sick.statusCode).toBe(503);
      expect(sick.json()).toMatchObject({
        status: 'unhealthy',
        checks: { storageReachable: false, storageWritable: false },
      });
      const ingest = await app.inject({
        method: 'POST',
        url: '/v1/traces',
        headers: PROTOBUF,
        payload: protobufTraceBody(recordSpans([{ name: 'chat' }])),
      });
      expect(ingest.statusCode).toBe(503);
      expect(ingest.headers['retry-after']).toBeDefined();
    });
  });
}
