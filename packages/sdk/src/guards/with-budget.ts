import type { BudgetLedger, BudgetLimit, Spend } from '@glassbox/core/guards';
import { budgetBucket, budgetExceededError } from '@glassbox/core/guards';
import { recordGuardDecision } from './record-guard-decision.js';

export interface BudgetOptions<T> {
  ledger: BudgetLedger;
  limits: readonly BudgetLimit[];
  /** The most this call can cost: prompt tokens plus max output, priced from the price table. */
  estimate: Spend;
  /** What the call actually cost, read from its result. */
  actual: (result: T) => Spend;
}

/**
 * Reserves a call's worst-case spend on every budget before running it and settles the
 * actual spend after; a reservation that would pass a cap throws `budget_exceeded` naming
 * the budget, and the call does not run.
 *
 * @example
 * await withBudget({ ledger, limits: [{ scope: 'user', id: userId, period: 'day', maxUsd: 2 }],
 *   estimate: { usd: 0.02, tokens: 5000 }, actual: (r) => spendOf(r) }, () => openai.chat.completions.create(body));
 */
export async function withBudget<T>(options: BudgetOptions<T>, run: () => Promise<T>): Promise<T> {
  const now = Date.now();
  const buckets = options.limits.map((limit) => budgetBucket(limit, now));
  const id = `${now}-${Math.random().toString(36).slice(2)}`;
  const reserved = await options.ledger.reserve(id, buckets, options.estimate);
  if (!reserved.ok) {
    const error = budgetExceededError(reserved, options.estimate);
    recordGuardDecision({ guard: 'budget', decision: 'reject', reason: error.message });
    throw error;
  }
  try {
    const result = await run();
    await options.ledger.settle(id, options.actual(result));
    return result;
  } catch (error) {
    await options.ledger.settle(id, { usd: 0, tokens: 0 });
    throw error;
  }
}
