import type { Kysely, Migration } from 'kysely';

/**
 * Per-project retention, how far the content sweep has come, and the row the health check
 * writes to prove the database takes writes (0012).
 */
export const retentionMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('project_retention')
      .addColumn('project_id', 'text', (c) => c.primaryKey())
      .addColumn('trace_days', 'integer')
      .addColumn('content_days', 'integer')
      // Traces that started before this had their content cleared already.
      .addColumn('content_cleared_before_ms', 'double precision', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at_ms', 'double precision', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('health_probe')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('at_ms', 'double precision', (c) => c.notNull())
      .execute();
  },
};
