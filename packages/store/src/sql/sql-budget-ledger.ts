import { sql, type Kysely } from 'kysely';
import type { BudgetBucket, BudgetLedger, ReserveResult, Spend } from '@glassbox/core/guards';

/**
 * The budget ledger in the shared database, so every gateway replica spends from the same
 * counters. A reservation is one transaction of conditional increments
 * (`... WHERE usd + amount <= cap`): PostgreSQL re-checks the condition on the locked row,
 * so concurrent replicas can never push a bucket past its cap (unlike per-replica budgets).
 *
 * @example const ledger = new SqlBudgetLedger(db); await ledger.reserve(id, buckets, { usd, tokens });
 */
export class SqlBudgetLedger implements BudgetLedger {
  constructor(private readonly db: Kysely<unknown>) {}

  async reserve(
    reservationId: string,
    buckets: readonly BudgetBucket[],
    amount: Spend,
  ): Promise<ReserveResult> {
    return this.db
      .transaction()
      .execute(async (tx) => {
        for (const bucket of buckets) {
          await sql`insert into budget_spend (bucket_key, usd, tokens) values (${bucket.key}, 0, 0) on conflict (bucket_key) do nothing`.execute(
            tx,
          );
        }
        for (const bucket of buckets) {
          const updated = await sql`
          update budget_spend set usd = usd + ${amount.usd}, tokens = tokens + ${amount.tokens}
          where bucket_key = ${bucket.key}
            and (cast(${bucket.maxUsd} as double precision) is null or usd + ${amount.usd} <= cast(${bucket.maxUsd} as double precision) + 1e-12)
            and (cast(${bucket.maxTokens} as double precision) is null or tokens + ${amount.tokens} <= cast(${bucket.maxTokens} as double precision))`.execute(
            tx,
          );
          if (Number(updated.numAffectedRows ?? 0) !== 1) {
            const spent = await this.read(tx, bucket.key);
            throw new Refused({
              ok: false,
              bucket: bucket.key,
              spent,
              limit: { maxUsd: bucket.maxUsd, maxTokens: bucket.maxTokens },
            });
          }
        }
        await sql`insert into budget_reservations (id, buckets, usd, tokens, created_at_ms)
        values (${reservationId}, ${JSON.stringify(buckets.map((b) => b.key))}, ${amount.usd}, ${amount.tokens}, ${Date.now()})`.execute(
          tx,
        );
        return { ok: true } as const;
      })
      .catch((error: unknown) => {
        if (error instanceof Refused) return error.result;
        throw error;
      });
  }

  async settle(reservationId: string, actual: Spend): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const { rows } = await sql<{ buckets: string; usd: number; tokens: number }>`
        delete from budget_reservations where id = ${reservationId} returning buckets, usd, tokens`.execute(
        tx,
      );
      const held = rows[0];
      if (!held) return;
      for (const key of JSON.parse(held.buckets) as string[]) {
        await sql`update budget_spend set usd = usd - ${Number(held.usd)} + ${actual.usd}, tokens = tokens - ${Number(held.tokens)} + ${actual.tokens}
          where bucket_key = ${key}`.execute(tx);
      }
    });
  }

  spent(bucketKey: string): Promise<Spend> {
    return this.read(this.db, bucketKey);
  }

  private async read(db: Kysely<unknown>, key: string): Promise<Spend> {
    const { rows } = await sql<{
      usd: number;
      tokens: number;
    }>`select usd, tokens from budget_spend where bucket_key = ${key}`.execute(db);
    return { usd: Number(rows[0]?.usd ?? 0), tokens: Number(rows[0]?.tokens ?? 0) };
  }
}

/** Carries a refusal out of the transaction so it rolls back. */
class Refused extends Error {
  constructor(readonly result: Extract<ReserveResult, { ok: false }>) {
    super('budget refused');
  }
}
