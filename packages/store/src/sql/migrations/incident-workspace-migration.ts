import type { Kysely, Migration } from 'kysely';

/**
 * The incident workspace log (0013): one row per human action, numbered per incident; kept
 * apart from the incident document that detection rewrites.
 */
export const incidentWorkspaceMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('incident_workspace')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('incident_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('at_ms', 'double precision', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('action_type', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('incident_workspace_pk', ['project_id', 'incident_id', 'seq'])
      .execute();
  },
};
