import type { Kysely, Migration } from 'kysely';

/**
 * GenAI span events (from OTLP logs) that arrived before their span, kept in the database so
 * an acknowledged log survives a restart and is seen by every replica; the write that stores
 * the span consumes them. Indexed by age for the bounded expiry sweep.
 */
export const pendingEventsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('pending_span_events')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('trace_id', 'text', (c) => c.notNull())
      .addColumn('span_id', 'text', (c) => c.notNull())
      .addColumn('events', 'text', (c) => c.notNull())
      .addColumn('received_at_ms', 'double precision', (c) => c.notNull())
      .addPrimaryKeyConstraint('pending_span_events_pk', [
        'project_id',
        'trace_id',
        'span_id',
      ] as never[])
      .execute();
    await db.schema
      .createIndex('pending_span_events_by_age')
      .on('pending_span_events')
      .column('received_at_ms')
      .execute();
  },
};
