import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Findings of the failure classifier, one row per finding, replaced per trace on every write
 * that touches the trace; the trace's categories and layers as facet columns on `traces`;
 * per-project classifier thresholds.
 */
export const findingsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('findings')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('trace_id', 'text', (c) => c.notNull())
      .addColumn('ordinal', 'integer', (c) => c.notNull())
      .addColumn('trace_start_ms', 'double precision', (c) => c.notNull())
      .addColumn('span_id', 'text')
      .addColumn('span_ids', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('layer', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('evidence', 'text', (c) => c.notNull())
      .addColumn('remediation', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('findings_pk', ['project_id', 'trace_id', 'ordinal'] as never[])
      .execute();
    await db.schema
      .createIndex('findings_by_start')
      .on('findings')
      .columns(['project_id', 'trace_start_ms', 'category', 'trace_id'])
      .execute();
    for (const column of ['f_categories', 'f_layers']) {
      await db.schema
        .alterTable('traces')
        .addColumn(column, 'text', (c) => c.notNull().defaultTo(sql`''`))
        .execute();
    }
    await db.schema
      .createTable('project_settings')
      .addColumn('project_id', 'text', (c) => c.primaryKey().references('projects.id'))
      .addColumn('thresholds', 'text', (c) => c.notNull().defaultTo(sql`'{}'`))
      .addColumn('updated_at_ms', 'double precision', (c) => c.notNull())
      .execute();
  },
};
