import type { Kysely, Migration } from 'kysely';

const key = ['project_id', 'kind', 'name'] as const;

/**
 * Label protection and holds, eval gates per version, and the audit trail's incident and
 * clearance (gate or override) of each event. Every row carries its project.
 */
export const artifactGuardsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    let guards = db.schema.createTable('artifact_label_guards');
    for (const column of key) guards = guards.addColumn(column, 'text', (c) => c.notNull());
    await guards
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('protected', 'integer', (c) => c.notNull())
      .addColumn('frozen_reason', 'text')
      .addColumn('frozen_incident_id', 'text')
      .addColumn('frozen_by', 'text')
      .addColumn('frozen_at_ms', 'double precision')
      .addPrimaryKeyConstraint('artifact_label_guards_pk', [...key, 'label'] as never[])
      .execute();

    let gates = db.schema.createTable('artifact_gates');
    for (const column of key) gates = gates.addColumn(column, 'text', (c) => c.notNull());
    await gates
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('passed', 'integer', (c) => c.notNull())
      .addColumn('pass_rate', 'double precision', (c) => c.notNull())
      .addColumn('total', 'integer')
      .addColumn('summary', 'text')
      .addColumn('run_id', 'text')
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('at_ms', 'double precision', (c) => c.notNull())
      .addPrimaryKeyConstraint('artifact_gates_pk', ['project_id', 'id'] as never[])
      .execute();
    await db.schema
      .createIndex('artifact_gates_by_version')
      .on('artifact_gates')
      .columns([...key, 'version', 'at_ms'])
      .execute();

    await db.schema.alterTable('artifact_events').addColumn('incident_id', 'text').execute();
    await db.schema.alterTable('artifact_events').addColumn('detail', 'text').execute();
  },
};
