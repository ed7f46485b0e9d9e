import { sql, type Kysely } from 'kysely';
import type { GlassboxDatabase } from './database-schema.js';
import {
  SEARCH_INDEXES,
  SEARCH_INDEX_QUEUE,
} from './migrations/background-search-index-migration.js';

/**
 * Indexes up to `limit` queued trace_search rows in SQLite's trigram indexes, oldest first,
 * in one short write transaction, and returns how many it took off the queue. Each row's
 * index entry is replaced by its current text (a row already indexed is forgotten first), so
 * indexing a row twice is harmless. Runs off the ingest thread (the detection job); until it
 * does, searches read queued rows directly (see textSearchCondition).
 *
 * @example
 * while ((await indexQueuedSearchText(db, 200)) > 0);
 */
export async function indexQueuedSearchText(
  db: Kysely<GlassboxDatabase>,
  limit: number,
): Promise<number> {
  if (!(limit >= 1)) throw new RangeError(`limit must be at least 1 (got ${limit})`);
  const queue = sql.table(SEARCH_INDEX_QUEUE);
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ search_rowid: number }>`select search_rowid from ${queue}
        order by search_rowid limit ${limit}`.execute(trx);
    if (rows.length === 0) return 0;
    const ids = sql.join(rows.map((r) => r.search_rowid));
    for (const { fts, columns } of SEARCH_INDEXES) {
      const cols = sql.join(columns.map((c) => sql.ref(c)));
      await sql`delete from ${sql.table(fts)} where rowid in (${ids})`.execute(trx);
      await sql`insert into ${sql.table(fts)} (rowid, ${cols})
          select rowid, ${cols} from trace_search where rowid in (${ids})`.execute(trx);
    }
    await sql`delete from ${queue} where search_rowid in (${ids})`.execute(trx);
    return rows.length;
  });
}
