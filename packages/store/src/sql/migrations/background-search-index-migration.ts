import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

const SQLITE_NOW_MS = `(julianday('now') - 2440587.5) * 86400000.0`;

/** The SQLite trigram indexes over trace_search and the columns each holds. */
export const SEARCH_INDEXES = [
  { fts: 'trace_search_fts', columns: ['search_text'] },
  { fts: 'trace_io_fts', columns: ['input_text', 'output_text'] },
] as const;

/** The durable queue of trace_search rows whose text the trigram indexes do not hold yet. */
export const SEARCH_INDEX_QUEUE = 'search_index_queue';

/**
 * Two kinds of deferred work leave the ingest commit (0022).
 *
 * SQLite's trigram indexes are filled in the background: a written or changed trace_search
 * row only queues its rowid (`search_index_queue`, in the writing transaction, so nothing is
 * lost), and the detection thread indexes queued rows (`indexQueuedSearchText`). A search
 * reads the queued rows beside the index hits, so a trace is found the moment it is
 * committed. Deleting a row still forgets it in the indexes by rowid. PostgreSQL's pg_trgm
 * indexes are unchanged.
 *
 * The changed-trace queue keeps when each trace was first queued (`first_changed_at_ms`),
 * kept by later writes, so a trace that never goes quiet is still claimed once it has waited
 * the maximum deferral.
 */
export const backgroundSearchIndexMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('detection_changes')
      .addColumn('first_changed_at_ms', 'double precision')
      .execute();
    await sql`update detection_changes set first_changed_at_ms = changed_at_ms`.execute(db);
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`create or replace function detection_mark_trace() returns trigger language plpgsql as $$
        begin
          insert into detection_changes (project_id, trace_id, changed_at_ms, first_changed_at_ms)
          values (new.project_id, new.trace_id, extract(epoch from clock_timestamp()) * 1000,
            extract(epoch from clock_timestamp()) * 1000)
          on conflict (project_id, trace_id) do update set changed_at_ms = excluded.changed_at_ms;
          return null;
        end $$`.execute(db);
      return;
    }
    for (const event of ['insert', 'update']) {
      await sql.raw(`drop trigger detection_trace_${event}ed`).execute(db);
      await sql
        .raw(
          `create trigger detection_trace_${event}ed after ${event} on traces begin
            insert into detection_changes (project_id, trace_id, changed_at_ms, first_changed_at_ms)
            values (new.project_id, new.trace_id, ${SQLITE_NOW_MS}, ${SQLITE_NOW_MS})
            on conflict (project_id, trace_id) do update set changed_at_ms = excluded.changed_at_ms;
          end`,
        )
        .execute(db);
    }
    await queueSearchIndexing(db);
  },
};

/**
 * SQLite: trace_search rows queue their rowid instead of being indexed in the writing
 * transaction. Idempotent, so the contentless-index migration (0024), which rebuilds the
 * indexes, can run before or after it.
 */
export async function queueSearchIndexing(db: Kysely<unknown>): Promise<void> {
  await sql`create table if not exists ${sql.table(SEARCH_INDEX_QUEUE)} (
      search_rowid integer primary key)`.execute(db);
  for (const { fts } of SEARCH_INDEXES) {
    for (const suffix of ['insert', 'update']) {
      await sql`drop trigger if exists ${sql.id(`${fts}_${suffix}`)}`.execute(db);
    }
  }
  const columns = SEARCH_INDEXES.flatMap((index) => index.columns);
  const changed = sql.join(
    columns.map((c) => sql`old.${sql.ref(c)} is not new.${sql.ref(c)}`),
    sql` or `,
  );
  await sql`create trigger if not exists search_index_queue_insert after insert on trace_search begin
      insert into ${sql.table(SEARCH_INDEX_QUEUE)} (search_rowid) values (new.rowid)
        on conflict (search_rowid) do nothing;
    end`.execute(db);
  // Re-writing a trace usually leaves its text as it was: nothing to index again then.
  await sql`create trigger if not exists search_index_queue_update
      after update of ${sql.join(columns.map((c) => sql.ref(c)))} on trace_search when ${changed} begin
      insert into ${sql.table(SEARCH_INDEX_QUEUE)} (search_rowid) values (new.rowid)
        on conflict (search_rowid) do nothing;
    end`.execute(db);
  await sql`create trigger if not exists search_index_queue_delete after delete on trace_search begin
      delete from ${sql.table(SEARCH_INDEX_QUEUE)} where search_rowid = old.rowid;
    end`.execute(db);
}

/** Whether trace_search rows are indexed in the background (migration 0022 has run). */
export async function searchIndexingQueued(db: Kysely<unknown>): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from sqlite_master
      where type = 'table' and name = ${SEARCH_INDEX_QUEUE}`.execute(db);
  return Number(rows[0]?.n ?? 0) > 0;
}
