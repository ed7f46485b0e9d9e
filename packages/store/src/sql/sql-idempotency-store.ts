import { sql, type Kysely } from 'kysely';
import type { IdempotencyBegin, IdempotencyStore } from '@glassbox/core/guards';

/**
 * Idempotency keys in the shared database: `begin` is one insert that only one replica can
 * win (the primary key decides), so a repeat on another replica sees the first in flight
 * (409), a different payload (422) or the stored answer. Expired keys are taken over.
 *
 * @example const store = new SqlIdempotencyStore(db); await store.begin(key, fingerprint, Date.now(), ttl);
 */
export class SqlIdempotencyStore implements IdempotencyStore {
  constructor(private readonly db: Kysely<unknown>) {}

  async begin(
    key: string,
    fingerprint: string,
    now: number,
    ttlMs: number,
  ): Promise<IdempotencyBegin> {
    const inserted =
      await sql`insert into idempotency_keys (key, fingerprint, result, expires_at_ms)
      values (${key}, ${fingerprint}, null, ${now + ttlMs}) on conflict (key) do nothing`.execute(
        this.db,
      );
    if (Number(inserted.numAffectedRows ?? 0) === 1) return { state: 'started' };
    const taken =
      await sql`update idempotency_keys set fingerprint = ${fingerprint}, result = null, expires_at_ms = ${now + ttlMs}
      where key = ${key} and expires_at_ms <= ${now}`.execute(this.db);
    if (Number(taken.numAffectedRows ?? 0) === 1) return { state: 'started' };
    const { rows } = await sql<{ fingerprint: string; result: string | null }>`
      select fingerprint, result from idempotency_keys where key = ${key}`.execute(this.db);
    const row = rows[0];
    if (!row) return this.begin(key, fingerprint, now, ttlMs);
    if (row.fingerprint !== fingerprint) return { state: 'payload_mismatch' };
    if (row.result === null) return { state: 'in_flight' };
    return { state: 'completed', result: row.result };
  }

  async complete(key: string, result: string): Promise<void> {
    await sql`update idempotency_keys set result = ${result} where key = ${key}`.execute(this.db);
  }

  async abandon(key: string): Promise<void> {
    await sql`delete from idempotency_keys where key = ${key} and result is null`.execute(this.db);
  }

  /** Deletes expired keys; returns how many went. */
  async sweep(now: number): Promise<number> {
    const deleted = await sql`delete from idempotency_keys where expires_at_ms <= ${now}`.execute(
      this.db,
    );
    return Number(deleted.numAffectedRows ?? 0);
  }
}
