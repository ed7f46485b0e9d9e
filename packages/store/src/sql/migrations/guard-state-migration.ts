import type { Kysely, Migration } from 'kysely';

/**
 * Runtime-guard state shared by gateway replicas: budget spend per bucket (spent plus
 * reserved), open reservations, and idempotency keys with their stored answers.
 */
export const guardStateMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('budget_spend')
      .addColumn('bucket_key', 'text', (c) => c.primaryKey())
      .addColumn('usd', 'double precision', (c) => c.notNull())
      .addColumn('tokens', 'double precision', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('budget_reservations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('buckets', 'text', (c) => c.notNull())
      .addColumn('usd', 'double precision', (c) => c.notNull())
      .addColumn('tokens', 'double precision', (c) => c.notNull())
      .addColumn('created_at_ms', 'double precision', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('idempotency_keys')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('result', 'text')
      .addColumn('expires_at_ms', 'double precision', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('idempotency_keys_by_expiry')
      .on('idempotency_keys')
      .column('expires_at_ms')
      .execute();
  },
};
