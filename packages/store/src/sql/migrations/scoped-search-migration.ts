import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The lowercased question and answer of each trace beside its full search text, so a search
 * can be scoped to what the user asked and was answered (not system prompts or retrieved
 * documents). Existing rows are filled from `trace_texts` with the database's `lower`, which
 * in SQLite folds ASCII only; traces written afterwards fold every letter.
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
  },
};
