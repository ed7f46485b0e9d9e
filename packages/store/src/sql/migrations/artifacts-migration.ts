import type { Kysely, Migration } from 'kysely';

const key = ['project_id', 'kind', 'name'] as const;

/**
 * The artifact registry: immutable versions, labels, the audit trail of label moves and
 * revocations (numbered per project for the label-move stream), canaries with their gate
 * state, session pins and session memory snapshots. Every row carries its project.
 */
export const artifactsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    let versions = db.schema.createTable('artifact_versions');
    for (const column of key) versions = versions.addColumn(column, 'text', (c) => c.notNull());
    await versions
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('config', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('message', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at_ms', 'double precision', (c) => c.notNull())
      .addColumn('revoked_at_ms', 'double precision')
      .addPrimaryKeyConstraint('artifact_versions_pk', [...key, 'version'] as never[])
      .execute();

    let labels = db.schema.createTable('artifact_labels');
    for (const column of key) labels = labels.addColumn(column, 'text', (c) => c.notNull());
    await labels
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('artifact_labels_pk', [...key, 'label'] as never[])
      .execute();

    await db.schema
      .createTable('artifact_events')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('label', 'text')
      .addColumn('from_version', 'integer')
      .addColumn('to_version', 'integer')
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('at_ms', 'double precision', (c) => c.notNull())
      .addPrimaryKeyConstraint('artifact_events_pk', ['project_id', 'seq'] as never[])
      .execute();
    await db.schema
      .createIndex('artifact_events_by_artifact')
      .on('artifact_events')
      .columns([...key, 'seq'])
      .execute();

    let canaries = db.schema.createTable('artifact_canaries');
    for (const column of key) canaries = canaries.addColumn(column, 'text', (c) => c.notNull());
    await canaries
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('started_at_ms', 'double precision', (c) => c.notNull())
      .addColumn('ended_at_ms', 'double precision')
      .addPrimaryKeyConstraint('artifact_canaries_pk', [...key, 'id'] as never[])
      .execute();

    let pins = db.schema.createTable('session_pins');
    for (const column of key) pins = pins.addColumn(column, 'text', (c) => c.notNull());
    await pins
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('pinned_at_ms', 'double precision', (c) => c.notNull())
      .addColumn('last_seen_ms', 'double precision', (c) => c.notNull())
      .addPrimaryKeyConstraint('session_pins_pk', [...key, 'label', 'session_id'] as never[])
      .execute();
    await db.schema
      .createIndex('session_pins_by_session')
      .on('session_pins')
      .columns(['project_id', 'session_id'])
      .execute();

    await db.schema
      .createTable('session_snapshots')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('versions', 'text', (c) => c.notNull())
      .addColumn('taken_at_ms', 'double precision', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('session_snapshots_by_session')
      .on('session_snapshots')
      .columns(['project_id', 'session_id', 'taken_at_ms'])
      .execute();
  },
};
