import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

/**
 * A trigram index over `trace_search.search_text`, so a free-text filter that matches few
 * traces reads only those instead of scanning every trace. SQLite: an FTS5 table with the
 * trigram tokenizer over trace_search (external content, kept in sync by triggers; no
 * positions, so queries ask for all of a needle's trigrams and the substring test decides).
 * PostgreSQL: a pg_trgm GIN index, when the extension can be installed; without it the
 * filter keeps scanning, with the same results.
 */
export const searchIndexMigration: Migration = {
  async up(db: Kysely<unknown>) {
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await createPostgresTrigramIndex(db);
      return;
    }
    await sql`create virtual table trace_search_fts using fts5(
        search_text, content = 'trace_search', content_rowid = 'rowid', tokenize = 'trigram', detail = 'none')`.execute(
      db,
    );
    await sql`create trigger trace_search_fts_insert after insert on trace_search begin
        insert into trace_search_fts (rowid, search_text) values (new.rowid, new.search_text);
      end`.execute(db);
    await sql`create trigger trace_search_fts_delete after delete on trace_search begin
        insert into trace_search_fts (trace_search_fts, rowid, search_text)
          values ('delete', old.rowid, old.search_text);
      end`.execute(db);
    // Re-writing a trace usually leaves its search text as it was: no index work then.
    await sql`create trigger trace_search_fts_update after update of search_text on trace_search
        when old.search_text is not new.search_text begin
        insert into trace_search_fts (trace_search_fts, rowid, search_text)
          values ('delete', old.rowid, old.search_text);
        insert into trace_search_fts (rowid, search_text) values (new.rowid, new.search_text);
      end`.execute(db);
    await sql`insert into trace_search_fts (trace_search_fts) values ('rebuild')`.execute(db);
  },
};

/** The schema pg_trgm is installed in after trying to install it, or undefined. */
export async function trigramSchema(db: Kysely<unknown>): Promise<string | undefined> {
  const find = async () =>
    (
      await sql<{ schema: string }>`select n.nspname as schema from pg_extension e
        join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db)
    ).rows[0]?.schema;
  const installed = await find();
  if (installed !== undefined) return installed;
  // A savepoint, so a refusal (no privilege, extension not shipped, no public schema, a
  // concurrent install) does not abort the migration's transaction. In public, not in a
  // store's own schema, so dropping one store's schema never drops other stores' indexes.
  await sql`savepoint glassbox_pg_trgm`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm with schema public`.execute(db);
    await sql`release savepoint glassbox_pg_trgm`.execute(db);
  } catch {
    await sql`rollback to savepoint glassbox_pg_trgm`.execute(db);
  }
  return find();
}

async function createPostgresTrigramIndex(db: Kysely<unknown>): Promise<void> {
  const schema = await trigramSchema(db);
  if (schema === undefined) return;
  await sql`create index trace_search_trgm on trace_search
      using gin (search_text ${sql.id(schema, 'gin_trgm_ops')})`.execute(db);
}
