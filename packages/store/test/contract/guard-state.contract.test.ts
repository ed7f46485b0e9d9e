import { describe, expect, it } from 'vitest';
import { budgetBucket } from '@glassbox/core/guards';
import { openStorage } from '../../src/open-storage.js';
import { dropPostgresSchema } from '../../src/postgres/postgres-storage.js';
import { BACKENDS, TEST_DATABASE_URL } from '../support/backends.js';

const bucket = (id: string, maxUsd: number | undefined, maxTokens?: number) =>
  budgetBucket(
    {
      scope: 'project',
      id,
      period: 'total',
      ...(maxUsd !== undefined ? { maxUsd } : {}),
      ...(maxTokens !== undefined ? { maxTokens } : {}),
    },
    0,
  );

for (const backend of BACKENDS) {
  describe(`guard state contract: ${backend.name}`, () => {
    it('reserves all-or-nothing, settles to the actual spend, refuses past a cap naming the bucket', async () => {
      const { storage, dispose } = await backend.open();
      try {
        const { ledger } = storage.guards;
        const project = bucket('p', 1);
        const tokens = bucket('t', undefined, 100);
        expect(await ledger.reserve('r1', [project, tokens], { usd: 0.6, tokens: 60 })).toEqual({
          ok: true,
        });
        const refused = await ledger.reserve('r2', [tokens, project], { usd: 0.6, tokens: 10 });
        expect(refused).toMatchObject({
          ok: false,
          bucket: 'project:p:total',
          spent: { usd: 0.6, tokens: 60 },
        });
        // The refused reservation left nothing behind on the bucket that had room.
        expect(await ledger.spent('project:t:total')).toEqual({ usd: 0.6, tokens: 60 });
        await ledger.settle('r1', { usd: 0.25, tokens: 30 });
        await ledger.settle('r1', { usd: 5, tokens: 5 }); // settling twice changes nothing
        expect(await ledger.spent('project:p:total')).toEqual({ usd: 0.25, tokens: 30 });
        expect(await ledger.reserve('r3', [project], { usd: 0.75, tokens: 0 })).toEqual({
          ok: true,
        });
        expect((await ledger.reserve('r4', [project], { usd: 0.01, tokens: 0 })).ok).toBe(false);
      } finally {
        await dispose();
      }
    });

    it('idempotency keys: started, in flight, payload mismatch, completed, abandoned, expired', async () => {
      const { storage, dispose } = await backend.open();
      try {
        const store = storage.guards.idempotency;
        expect(await store.begin('k', 'f1', 0, 1000)).toEqual({ state: 'started' });
        expect(await store.begin('k', 'f1', 1, 1000)).toEqual({ state: 'in_flight' });
        expect(await store.begin('k', 'f2', 1, 1000)).toEqual({ state: 'payload_mismatch' });
        await store.complete('k', '{"status":200}');
        expect(await store.begin('k', 'f1', 2, 1000)).toEqual({
          state: 'completed',
          result: '{"status":200}',
        });
        expect(await store.begin('k', 'f1', 1000, 1000)).toEqual({ state: 'started' });
        await store.abandon('k');
        expect(await store.begin('k', 'f3', 1001, 1000)).toEqual({ state: 'started' });
      } finally {
        await dispose();
      }
    });
  });
}

describe('guard state across replicas (two storages on one PostgreSQL schema)', () => {
  it('concurrent reservations from two replicas never pass the cap; one key starts once', async () => {
    const schema = `guards_${process.pid}_${Date.now()}`;
    const a = await openStorage({ databaseUrl: TEST_DATABASE_URL, schema });
    const b = await openStorage({ databaseUrl: TEST_DATABASE_URL, schema });
    try {
      const cap = bucket('shared', 1);
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          (i % 2 === 0 ? a : b).guards.ledger.reserve(`r${i}`, [cap], { usd: 0.1, tokens: 1 }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(10);
      expect((await a.guards.ledger.spent('project:shared:total')).usd).toBeCloseTo(1, 9);
      const begun = await Promise.all(
        [a, b, a, b].map((s) => s.guards.idempotency.begin('same', 'f', 0, 60_000)),
      );
      expect(begun.filter((x) => x.state === 'started')).toHaveLength(1);
      expect(begun.filter((x) => x.state === 'in_flight')).toHaveLength(3);
    } finally {
      await a.close();
      await b.close();
      await dropPostgresSchema(TEST_DATABASE_URL, schema);
    }
  });
});
