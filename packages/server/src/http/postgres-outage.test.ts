import { randomBytes } from 'node:crypto';
import { dropPostgresSchema, openStorage } from '@glassbox/store';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../build-app.js';
import { TEST_DATABASE_URL } from '../../test/support/storage-backends.js';
import { PROTOBUF } from '../../test/support/test-app.js';
import { protobufTraceBody, recordSpans } from '../../test/support/otlp-bodies.js';
import { startCutProxy } from '../../test/support/cut-proxy.js';

// The outage is a TCP proxy between the server and PostgreSQL that drops every connection
// and refuses new ones, so the shared PostgreSQL server keeps serving everyone else.
// GLASSBOX_PG_OUTAGE_SECONDS sets the outage, 30 by default (the aim it checks).
const OUTAGE_MS = Number(process.env.GLASSBOX_PG_OUTAGE_SECONDS ?? 30) * 1000;
const WORKERS = 8;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a PostgreSQL outage under load', () => {
  it(
    'loses no acknowledged span: 503 with Retry-After while down, health 503, all stored after',
    async () => {
      const schema = `outage_${randomBytes(6).toString('hex')}`;
      const proxy = await startCutProxy(TEST_DATABASE_URL);
      const storage = await openStorage({ databaseUrl: proxy.url, schema });
      const app = await buildApp({
        host: '127.0.0.1',
        port: 0,
        storage,
        detection: { enabled: false },
        retention: { enabled: false },
      });
      const acknowledged: string[] = [];
      const statuses = new Map<number, number>();
      let missingRetryAfter = 0;
      let healthDuringOutage = 0;
      let running = true;
      const send = async () => {
        while (running) {
          const spans = recordSpans([{ name: 'chat' }]);
          const traceId = spans[0]!.spanContext().traceId;
          const res = await app.inject({
            method: 'POST',
            url: '/v1/traces',
            headers: PROTOBUF,
            payload: protobufTraceBody(spans),
          });
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode === 200) acknowledged.push(traceId);
          else if (!res.headers['retry-after']) missingRetryAfter++;
          await sleep(res.statusCode === 200 ? 5 : 200);
        }
      };
      try {
        const load = Array.from({ length: WORKERS }, send);
        // Steady load first: wait until requests are being acknowledged.
        for (let i = 0; i < 60 && acknowledged.length < 200; i++) await sleep(500);
        const before = acknowledged.length;
        proxy.cut();
        try {
          const outageEnd = Date.now() + OUTAGE_MS;
          while (Date.now() < outageEnd) {
            const health = await app.inject('/api/health');
            if (health.statusCode === 503) healthDuringOutage++;
            await sleep(2_000);
          }
        } finally {
          proxy.restore();
        }
        // Recovery: ingest must succeed again on its own.
        const duringAndAfter = acknowledged.length;
        for (let i = 0; i < 60 && acknowledged.length <= duringAndAfter + 20; i++)
          await sleep(1_000);
        running = false;
        await Promise.all(load);
        const summary = {
          acknowledged: acknowledged.length,
          beforeOutage: before,
          statuses: Object.fromEntries(statuses),
          healthDuringOutage,
          missingRetryAfter,
        };
        console.log('postgres outage', JSON.stringify(summary));

        const stored = new Set<string>();
        let cursor: string | undefined;
        do {
          const page = await storage.traces.listTraces({
            projectId: 'default',
            limit: 500,
            ...(cursor ? { cursor } : {}),
          });
          for (const t of page.items) stored.add(t.traceId);
          cursor = page.nextCursor;
        } while (cursor);
        const lost = acknowledged.filter((id) => !stored.has(id));
        expect(lost).toEqual([]);
        expect(acknowledged.length).toBeGreaterThan(before);
        expect(healthDuringOutage).toBeGreaterThan(0);
        expect(missingRetryAfter).toBe(0);
        expect([...statuses.keys()].every((s) => s === 200 || s === 503)).toBe(true);
        expect((await app.inject('/api/health')).statusCode).toBe(200);
      } finally {
        running = false;
        await app.close();
        await storage.close();
        await proxy.close();
        await dropPostgresSchema(TEST_DATABASE_URL, schema);
      }
    },
    OUTAGE_MS + 180_000,
  );
});
