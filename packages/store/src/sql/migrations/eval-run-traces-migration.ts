import type { Kysely, Migration } from 'kysely';

/**
 * Which experiment outcomes started which trace (the user's app traced the call), so a trace
 * page can show the experiments that scored it without reading every run (0021).
 */
export const evalRunTracesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('eval_run_traces')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('trace_id', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('repeat', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('eval_run_traces_pk', [
        'project_id',
        'trace_id',
        'run_id',
        'item_id',
        'repeat',
      ])
      .execute();
  },
};
