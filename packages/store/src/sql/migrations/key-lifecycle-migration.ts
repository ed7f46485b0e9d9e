import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Key scopes, expiry, last use and revocation, and the audit log (0011). Keys made before
 * scopes existed could do everything; they keep every scope so no deployment breaks.
 */
export const keyLifecycleMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('api_keys')
      .addColumn('scopes', 'text', (c) => c.notNull().defaultTo(sql`'ingest,read,admin'`))
      .execute();
    for (const column of ['expires_at_ms', 'last_used_at_ms', 'revoked_at_ms']) {
      await db.schema.alterTable('api_keys').addColumn(column, 'double precision').execute();
    }
    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('at_ms', 'double precision', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('before', 'text')
      .addColumn('after', 'text')
      .execute();
    await db.schema
      .createIndex('audit_log_by_time')
      .on('audit_log')
      .columns(['project_id', 'at_ms'])
      .execute();
  },
};
