import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

const SQLITE_NOW_MS = `(julianday('now') - 2440587.5) * 86400000.0`;

/**
 * Detection's tables, and triggers that queue every trace written for detection in the
 * same transaction as the write (so no ingest path, replica or crash can skip one).
 */
export const detectionMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('detection_changes')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('trace_id', 'text', (c) => c.notNull())
      .addColumn('changed_at_ms', 'double precision', (c) => c.notNull())
      .addPrimaryKeyConstraint('detection_changes_pk', ['project_id', 'trace_id'])
      .execute();
    await db.schema
      .createIndex('detection_changes_by_time')
      .on('detection_changes')
      .column('changed_at_ms')
      .execute();
    await db.schema
      .createTable('detection_observations')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('trace_id', 'text', (c) => c.notNull())
      .addColumn('event_ms', 'double precision', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('detection_observations_pk', ['project_id', 'trace_id'])
      .execute();
    await db.schema
      .createIndex('detection_observations_by_time')
      .on('detection_observations')
      .columns(['project_id', 'event_ms', 'trace_id'])
      .execute();
    await db.schema
      .createTable('detection_monitors')
      .addColumn('project_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('definition', 'text', (c) => c.notNull())
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('progress', 'text')
      .addColumn('updated_at_ms', 'double precision', (c) => c.notNull())
      .addPrimaryKeyConstraint('detection_monitors_pk', ['project_id', 'id'])
      .execute();
    for (const table of ['detection_alerts', 'detection_incidents']) {
      await db.schema
        .createTable(table)
        .addColumn('project_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('opened_at_ms', 'double precision', (c) => c.notNull())
        .addColumn('monitor_id', 'text')
        .addColumn('data', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint(`${table}_pk`, ['project_id', 'id'])
        .execute();
      await db.schema
        .createIndex(`${table}_by_time`)
        .on(table)
        .columns(['project_id', 'opened_at_ms', 'id'])
        .execute();
    }
    await db.schema
      .createTable('detection_leases')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('expires_at_ms', 'double precision', (c) => c.notNull())
      .execute();

    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`create or replace function detection_mark_trace() returns trigger language plpgsql as $$
        begin
          insert into detection_changes (project_id, trace_id, changed_at_ms)
          values (new.project_id, new.trace_id, extract(epoch from clock_timestamp()) * 1000)
          on conflict (project_id, trace_id) do update set changed_at_ms = excluded.changed_at_ms;
          return null;
        end $$`.execute(db);
      await sql`create trigger detection_trace_changed after insert or update on traces
        for each row execute function detection_mark_trace()`.execute(db);
    } else {
      for (const event of ['insert', 'update']) {
        await sql
          .raw(
            `create trigger detection_trace_${event}ed after ${event} on traces begin
              insert into detection_changes (project_id, trace_id, changed_at_ms)
              values (new.project_id, new.trace_id, ${SQLITE_NOW_MS})
              on conflict (project_id, trace_id) do update set changed_at_ms = excluded.changed_at_ms;
            end`,
          )
          .execute(db);
      }
    }
  },
};
