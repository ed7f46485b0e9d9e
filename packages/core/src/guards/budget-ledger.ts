import { GuardError } from './guard-error.js';

/** Who a budget caps. */
export type BudgetScope = 'key' | 'user' | 'session' | 'project';

/** The period a budget's spend is counted over. */
export type BudgetPeriod = 'day' | 'month' | 'total';

/**
 * A spend cap on one scope: USD (priced from the price table) and/or tokens.
 *
 * @example { scope: 'project', id: 'acme', period: 'month', maxUsd: 500 }
 */
export interface BudgetLimit {
  scope: BudgetScope;
  id: string;
  period: BudgetPeriod;
  maxUsd?: number;
  maxTokens?: number;
}

/** One counter of the ledger: a budget in its current period. */
export interface BudgetBucket {
  /** `project:acme:2026-12`: scope, id and period start; replicas agree on it. */
  key: string;
  maxUsd: number | null;
  maxTokens: number | null;
}

/** Spend held by a call in flight, or settled by one that finished. */
export interface Spend {
  usd: number;
  tokens: number;
}

export type ReserveResult =
  | { ok: true }
  | {
      ok: false;
      bucket: string;
      spent: Spend;
      limit: { maxUsd: number | null; maxTokens: number | null };
    };

/**
 * The port every ledger implements: in memory for one process, SQL for replicas sharing
 * one database. `reserve` is atomic over all buckets (all or nothing), so N replicas can
 * never spend more than the cap between them.
 */
export interface BudgetLedger {
  reserve(
    reservationId: string,
    buckets: readonly BudgetBucket[],
    amount: Spend,
  ): Promise<ReserveResult>;
  /** Replaces a reservation by what the call actually cost. */
  settle(reservationId: string, actual: Spend): Promise<void>;
  /** Spent plus reserved in a bucket. */
  spent(bucketKey: string): Promise<Spend>;
}

/**
 * The bucket of a budget at `now` (UTC periods).
 *
 * @example budgetBucket({ scope: 'user', id: 'u1', period: 'day', maxUsd: 1 }, Date.UTC(2026, 11, 4)).key
 * // 'user:u1:2026-12-04'
 */
export function budgetBucket(limit: BudgetLimit, now: number): BudgetBucket {
  const period =
    limit.period === 'total' ? 'total' : utcDay(now).slice(0, limit.period === 'day' ? 10 : 7);
  return {
    key: `${limit.scope}:${limit.id}:${period}`,
    maxUsd: limit.maxUsd ?? null,
    maxTokens: limit.maxTokens ?? null,
  };
}

/** The UTC day of `now` (`2026-12-04`), formatted once per day: every guarded call asks. */
let lastDay = { index: NaN, iso: '' };
function utcDay(now: number): string {
  const index = Math.floor(now / 86_400_000);
  if (index !== lastDay.index) lastDay = { index, iso: new Date(now).toISOString().slice(0, 10) };
  return lastDay.iso;
}

/** Whether adding `amount` to `spent` stays within a bucket's caps. */
export function fitsBudget(bucket: BudgetBucket, spent: Spend, amount: Spend): boolean {
  if (bucket.maxUsd !== null && spent.usd + amount.usd > bucket.maxUsd + 1e-12) return false;
  if (bucket.maxTokens !== null && spent.tokens + amount.tokens > bucket.maxTokens) return false;
  return true;
}

/** The refusal for a failed reservation, naming the budget. */
export function budgetExceededError(
  result: Extract<ReserveResult, { ok: false }>,
  amount: Spend,
): GuardError {
  const { limit, spent, bucket } = result;
  const caps = [
    limit.maxUsd !== null
      ? `$${limit.maxUsd} (spent $${spent.usd.toFixed(6)}, this call needs up to $${amount.usd.toFixed(6)})`
      : null,
    limit.maxTokens !== null
      ? `${limit.maxTokens} tokens (spent ${spent.tokens}, this call needs up to ${amount.tokens})`
      : null,
  ].filter((x) => x !== null);
  return new GuardError(
    'budget_exceeded',
    `Budget '${bucket}' exceeded: cap ${caps.join(' and ')}`,
    {
      budget: bucket,
      spentUsd: spent.usd,
      spentTokens: spent.tokens,
    },
  );
}

/**
 * The in-memory ledger: exact within one process (a gateway replica or an app), the
 * supported test double of the port.
 *
 * @example
 * const ledger = new MemoryBudgetLedger();
 * await ledger.reserve('r1', [bucket], { usd: 0.01, tokens: 1200 });
 */
export class MemoryBudgetLedger implements BudgetLedger {
  private readonly totals = new Map<string, Spend>();
  private readonly reservations = new Map<string, { buckets: string[]; amount: Spend }>();

  reserve(
    reservationId: string,
    buckets: readonly BudgetBucket[],
    amount: Spend,
  ): Promise<ReserveResult> {
    for (const bucket of buckets) {
      const spent = this.totals.get(bucket.key) ?? { usd: 0, tokens: 0 };
      if (!fitsBudget(bucket, spent, amount)) {
        return Promise.resolve({
          ok: false,
          bucket: bucket.key,
          spent: { ...spent },
          limit: { maxUsd: bucket.maxUsd, maxTokens: bucket.maxTokens },
        });
      }
    }
    for (const bucket of buckets) this.add(bucket.key, amount, 1);
    this.reservations.set(reservationId, { buckets: buckets.map((b) => b.key), amount });
    return Promise.resolve({ ok: true });
  }

  settle(reservationId: string, actual: Spend): Promise<void> {
    const held = this.reservations.get(reservationId);
    if (!held) return Promise.resolve();
    this.reservations.delete(reservationId);
    for (const key of held.buckets) {
      this.add(key, held.amount, -1);
      this.add(key, actual, 1);
    }
    return Promise.resolve();
  }

  spent(bucketKey: string): Promise<Spend> {
    return Promise.resolve({ ...(this.totals.get(bucketKey) ?? { usd: 0, tokens: 0 }) });
  }

  private add(key: string, amount: Spend, sign: 1 | -1): void {
    const total = this.totals.get(key) ?? { usd: 0, tokens: 0 };
    this.totals.set(key, {
      usd: total.usd + sign * amount.usd,
      tokens: total.tokens + sign * amount.tokens,
    });
  }
}
