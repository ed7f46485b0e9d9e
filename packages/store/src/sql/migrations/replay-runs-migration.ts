import type { Kysely, Migration } from 'kysely';

/** Replay and bisection runs, linked to the trace and span they replayed (0007). */
export const replayRunsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('replay_runs')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('trace_id', 'text', (c) => c.notNull())
      .addColumn('span_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('created_at_ms', 'double precision', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('result', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('replay_runs_pk', ['project_id', 'id'])
      .execute();
    await db.schema
      .createIndex('replay_runs_by_trace')
      .on('replay_runs')
      .columns(['project_id', 'trace_id', 'created_at_ms'])
      .execute();
  },
};
