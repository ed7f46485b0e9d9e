import { describe, expect, it } from 'vitest';
import type { BudgetBucket, Spend } from './budget-ledger.js';
import { MemoryBudgetLedger, budgetBucket } from './budget-ledger.js';
import { LeasedBudgetLedger } from './leased-budget-ledger.js';

const capped = (maxUsd: number): BudgetBucket =>
  budgetBucket({ scope: 'project', id: 'p', period: 'total', maxUsd }, 0);
const call: Spend = { usd: 0.01, tokens: 100 };

/** Closing returns the slices: the shared ledger then holds exactly what was spent. */
async function expectSpentAfterClose(
  ledger: LeasedBudgetLedger,
  shared: MemoryBudgetLedger,
  bucket: BudgetBucket,
  expected: Spend,
): Promise<void> {
  await ledger.close();
  const spent = await shared.spent(bucket.key);
  expect(spent.usd).toBeCloseTo(expected.usd, 10);
  expect(spent.tokens).toBe(expected.tokens);
}

describe('leased budget ledger', () => {
  it('spends from a leased slice: one shared reservation serves many calls, and closing returns the rest', async () => {
    const shared = new MemoryBudgetLedger();
    const ledger = new LeasedBudgetLedger(shared, { sliceFraction: 0.1, replicaId: 'a' });
    const bucket = capped(1);
    for (let i = 0; i < 10; i++) {
      expect(await ledger.reserve(`r${i}`, [bucket], call)).toEqual({ ok: true });
      await ledger.settle(`r${i}`, { usd: 0.004, tokens: 40 });
    }
    // 10 calls of at most $0.01 fit in one $0.10 slice: one reservation, nothing else.
    expect(ledger.sharedCalls).toBe(1);
    expect(await shared.spent(bucket.key)).toEqual({ usd: 0.1, tokens: 0 });
    await expectSpentAfterClose(ledger, shared, bucket, { usd: 0.04, tokens: 400 });
  });

  it('two replicas on one shared ledger never reserve past the cap, even racing', async () => {
    const shared = new MemoryBudgetLedger();
    const a = new LeasedBudgetLedger(shared, { sliceFraction: 0.05, replicaId: 'a' });
    const b = new LeasedBudgetLedger(shared, { sliceFraction: 0.05, replicaId: 'b' });
    const bucket = capped(1);
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) => (i % 2 ? a : b).reserve(`r${i}`, [bucket], call)),
    );
    const granted = results.filter((r) => r.ok).length;
    // $1 of $0.01 calls: exactly 100 can be granted between the two, never more.
    expect(granted).toBe(100);
    const refused = results.find((r) => !r.ok);
    expect(refused).toMatchObject({ ok: false, bucket: 'project:p:total' });
    expect((await shared.spent(bucket.key)).usd).toBeLessThanOrEqual(1 + 1e-9);
    await Promise.all([a.close(), b.close()]);
    expect((await shared.spent(bucket.key)).usd).toBeCloseTo(1, 9);
  });

  it('keeps spend exact when calls cost more or less than reserved, across renewals', async () => {
    const shared = new MemoryBudgetLedger();
    const ledger = new LeasedBudgetLedger(shared, { sliceFraction: 0.02, replicaId: 'a' });
    const bucket = capped(1);
    await ledger.reserve('long', [bucket], call); // in flight while the slice is renewed
    for (let i = 0; i < 5; i++) {
      await ledger.reserve(`r${i}`, [bucket], call);
      await ledger.settle(`r${i}`, { usd: 0.015, tokens: 10 }); // over the estimate
    }
    await ledger.settle('long', { usd: 0.001, tokens: 1 });
    await expectSpentAfterClose(ledger, shared, bucket, { usd: 0.076, tokens: 51 });
  });

  it('returns idle slices, and refuses past the cap naming the bucket', async () => {
    const shared = new MemoryBudgetLedger();
    const ledger = new LeasedBudgetLedger(shared, {
      sliceFraction: 0.5,
      idleReturnMs: 1000,
      replicaId: 'a',
    });
    const bucket = capped(0.02);
    expect(await ledger.reserve('r1', [bucket], call)).toEqual({ ok: true });
    await ledger.settle('r1', call);
    await ledger.returnIdle(Date.now() + 5000);
    expect(await shared.spent(bucket.key)).toEqual(call);
    expect(await ledger.reserve('r2', [bucket], call)).toEqual({ ok: true });
    expect(await ledger.reserve('r3', [bucket], call)).toMatchObject({
      ok: false,
      bucket: 'project:p:total',
    });
    await ledger.close();
  });

  it('rejects a slice fraction outside (0, 1]', () => {
    expect(() => new LeasedBudgetLedger(new MemoryBudgetLedger(), { sliceFraction: 0 })).toThrow(
      /sliceFraction must be in \(0, 1\], got 0/,
    );
  });
});
