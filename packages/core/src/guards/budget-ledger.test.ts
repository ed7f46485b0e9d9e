import { describe, expect, it } from 'vitest';
import { MemoryBudgetLedger, budgetBucket, budgetExceededError } from './budget-ledger.js';

const NOW = Date.UTC(2026, 11, 4, 12);

describe('budget ledger', () => {
  it('names buckets by scope, id and UTC period', () => {
    expect(budgetBucket({ scope: 'user', id: 'u1', period: 'day', maxUsd: 1 }, NOW).key).toBe(
      'user:u1:2026-12-04',
    );
    expect(budgetBucket({ scope: 'project', id: 'p', period: 'month', maxTokens: 9 }, NOW)).toEqual(
      {
        key: 'project:p:2026-12',
        maxUsd: null,
        maxTokens: 9,
      },
    );
  });

  it('reserves all-or-nothing, settles to the actual spend and refuses past the cap', async () => {
    const ledger = new MemoryBudgetLedger();
    const project = budgetBucket({ scope: 'project', id: 'p', period: 'total', maxUsd: 1 }, NOW);
    const user = budgetBucket({ scope: 'user', id: 'u', period: 'total', maxTokens: 100 }, NOW);
    expect(await ledger.reserve('r1', [project, user], { usd: 0.6, tokens: 50 })).toEqual({
      ok: true,
    });
    const refused = await ledger.reserve('r2', [project, user], { usd: 0.6, tokens: 10 });
    expect(refused).toMatchObject({ ok: false, bucket: 'project:p:total' });
    expect(await ledger.spent('user:u:total')).toEqual({ usd: 0.6, tokens: 50 });
    await ledger.settle('r1', { usd: 0.1, tokens: 20 });
    expect(await ledger.spent('project:p:total')).toEqual({ usd: 0.1, tokens: 20 });
    expect(await ledger.reserve('r3', [project, user], { usd: 0.6, tokens: 10 })).toEqual({
      ok: true,
    });
    const error = budgetExceededError(
      (await ledger.reserve('r4', [project], { usd: 0.5, tokens: 0 })) as Extract<
        Awaited<ReturnType<typeof ledger.reserve>>,
        { ok: false }
      >,
      { usd: 0.5, tokens: 0 },
    );
    expect(error.code).toBe('budget_exceeded');
    expect(error.status).toBe(429);
    expect(error.message).toContain("Budget 'project:p:total' exceeded");
  });
});
