import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';
import {
  SEARCH_INDEXES as INDEXES,
  searchIndexingQueued,
} from './background-search-index-migration.js';

/**
 * SQLite's trigram indexes become contentless with delete support (FTS5 `content=''`,
 * `contentless_delete=1`). An external-content index forgets a row only when handed its old
 * text, which it tokenizes again: deleting one user's 10K traces spent most of its time
 * there. A contentless-delete index forgets a row by rowid. Queries read only rowids from
 * the index, so they are unchanged. PostgreSQL's pg_trgm indexes need nothing. Where rows are
 * indexed in the background (0022, which may have run first), only the delete trigger is
 * made here.
 */
export const contentlessSearchIndexMigration: Migration = {
  async up(db: Kysely<unknown>) {
    if (db.getExecutor().adapter instanceof PostgresAdapter) return;
    const queued = await searchIndexingQueued(db);
    for (const { fts, columns } of INDEXES) {
      const table = sql.table(fts);
      const cols = sql.join(columns.map((c) => sql.ref(c)));
      const newCols = sql.join(columns.map((c) => sql.ref(`new.${c}`)));
      const changed = sql.join(
        columns.map((c) => sql`old.${sql.ref(c)} is not new.${sql.ref(c)}`),
        sql` or `,
      );
      for (const suffix of ['insert', 'delete', 'update']) {
        await sql`drop trigger if exists ${sql.id(`${fts}_${suffix}`)}`.execute(db);
      }
      await sql`drop table ${table}`.execute(db);
      await sql`create virtual table ${table} using fts5(${cols}, content = '',
          contentless_delete = 1, tokenize = 'trigram', detail = 'none')`.execute(db);
      await sql`insert into ${table} (rowid, ${cols})
          select rowid, ${cols} from trace_search`.execute(db);
      await sql`create trigger ${sql.id(`${fts}_delete`)} after delete on trace_search begin
          delete from ${table} where rowid = old.rowid;
        end`.execute(db);
      if (queued) continue;
      await sql`create trigger ${sql.id(`${fts}_insert`)} after insert on trace_search begin
          insert into ${table} (rowid, ${cols}) values (new.rowid, ${newCols});
        end`.execute(db);
      // Re-writing a trace usually leaves its text as it was: no index work then.
      await sql`create trigger ${sql.id(`${fts}_update`)} after update of ${cols} on trace_search
          when ${changed} begin
          delete from ${table} where rowid = old.rowid;
          insert into ${table} (rowid, ${cols}) values (new.rowid, ${newCols});
        end`.execute(db);
    }
  },
};
