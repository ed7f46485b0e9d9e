import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';
import { trigramSchema } from './search-index-migration.js';

/**
 * The lowercased question and answer of each trace beside its full search text, so a search
 * can be scoped to what the user asked and was answered (not system prompts or retrieved
 * documents), with their own trigram index so a rare word is found without a scan (SQLite
 * FTS5 over both columns; PostgreSQL pg_trgm GIN per column, when the extension is there).
 * Existing rows are filled from `trace_texts` with the database's `lower`, which in SQLite
 * folds ASCII only; traces written afterwards fold every letter.
 */
export const scopedSearchMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const column of ['input_text', 'output_text']) {
      await db.schema
        .alterTable('trace_search')
        .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
        .execute();
    }
    await sql`update trace_search set
        input_text = coalesce((select lower(substr(x.input, 1, 8192)) from trace_texts x
          where x.project_id = trace_search.project_id and x.trace_id = trace_search.trace_id), ''),
        output_text = coalesce((select lower(substr(x.output, 1, 8192)) from trace_texts x
          where x.project_id = trace_search.project_id and x.trace_id = trace_search.trace_id), '')`.execute(
      db,
    );
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      const schema = await trigramSchema(db);
      if (schema === undefined) return;
      for (const column of ['input_text', 'output_text']) {
        await sql`create index ${sql.id(`trace_search_${column}_trgm`)} on trace_search
          using gin (${sql.id(column)} ${sql.id(schema, 'gin_trgm_ops')})`.execute(db);
      }
      return;
    }
    await sql`create virtual table trace_io_fts using fts5(input_text, output_text,
        content = 'trace_search', content_rowid = 'rowid', tokenize = 'trigram', detail = 'none')`.execute(
      db,
    );
    await sql`create trigger trace_io_fts_insert after insert on trace_search begin
        insert into trace_io_fts (rowid, input_text, output_text)
          values (new.rowid, new.input_text, new.output_text);
      end`.execute(db);
    await sql`create trigger trace_io_fts_delete after delete on trace_search begin
        insert into trace_io_fts (trace_io_fts, rowid, input_text, output_text)
          values ('delete', old.rowid, old.input_text, old.output_text);
      end`.execute(db);
    // A re-written trace usually keeps its question and answer: no index work then.
    await sql`create trigger trace_io_fts_update after update of input_text, output_text on trace_search
        when old.input_text is not new.input_text or old.output_text is not new.output_text begin
        insert into trace_io_fts (trace_io_fts, rowid, input_text, output_text)
          values ('delete', old.rowid, old.input_text, old.output_text);
        insert into trace_io_fts (rowid, input_text, output_text)
          values (new.rowid, new.input_text, new.output_text);
      end`.execute(db);
    await sql`insert into trace_io_fts (trace_io_fts) values ('rebuild')`.execute(db);
  },
};
