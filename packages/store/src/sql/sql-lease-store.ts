import type { Kysely } from 'kysely';
import type { LeaseStore } from '../ports/lease-store.js';
import type { DetectionDatabase } from './detection-tables.js';

/**
 * Leases in SQL: one row per name, taken over by an upsert only when free, expired or ours.
 *
 * @example
 * await new SqlLeaseStore(db).acquireLease('detection', replicaId, 15_000, Date.now());
 */
export class SqlLeaseStore implements LeaseStore {
  private readonly db: Kysely<DetectionDatabase>;

  constructor(db: Kysely<unknown>) {
    this.db = db as Kysely<DetectionDatabase>;
  }

  async acquireLease(name: string, holder: string, ttlMs: number, nowMs: number): Promise<boolean> {
    const row = await this.db
      .insertInto('detection_leases')
      .values({ name, holder, expires_at_ms: nowMs + ttlMs })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet((eb) => ({
            holder: eb.ref('excluded.holder'),
            expires_at_ms: eb.ref('excluded.expires_at_ms'),
          }))
          .where((eb) =>
            eb.or([
              eb('detection_leases.expires_at_ms', '<', nowMs),
              eb('detection_leases.holder', '=', holder),
            ]),
          ),
      )
      .returning('holder')
      .executeTakeFirst();
    return row?.holder === holder;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.db
      .deleteFrom('detection_leases')
      .where('name', '=', name)
      .where('holder', '=', holder)
      .execute();
  }
}
