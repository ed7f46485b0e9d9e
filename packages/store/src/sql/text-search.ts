import type { TextScope } from '@glassbox/core/model';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { GlassboxDatabase } from './database-schema.js';
import type { SqlDialectTraits } from './sql-dialect-traits.js';
import { SEARCH_INDEX_QUEUE } from './migrations/background-search-index-migration.js';

/** Shortest needle (in characters) a trigram index can answer; shorter ones scan. */
export const TRIGRAM_MIN_LENGTH = 3;

/**
 * Past this many index hits a needle is common: reading the newest traces in order finds a
 * page of matches sooner than collecting every hit, so the filter scans instead.
 */
export const SELECTIVE_HITS = 2_000;

function likePattern(needle: string): string {
  return `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Trigrams a query uses at most; any subset still finds every match (a superset). */
export const MAX_QUERY_TRIGRAMS = 16;

type SearchColumn = 'search_text' | 'input_text' | 'output_text';

/** The trace_search columns each scope reads, and the FTS5 table that indexes them. */
const SCOPES: Record<TextScope, { columns: readonly SearchColumn[]; fts: string }> = {
  all: { columns: ['search_text'], fts: 'trace_search_fts' },
  io: { columns: ['input_text', 'output_text'], fts: 'trace_io_fts' },
  input: { columns: ['input_text'], fts: 'trace_io_fts' },
  output: { columns: ['output_text'], fts: 'trace_io_fts' },
};

/**
 * An FTS5 query for rows holding every trigram of `needle` (in any indexed column: without
 * positions FTS5 cannot filter by column). The index keeps no positions (detail=none, a
 * third of the write cost), so this is a superset of the substring matches.
 */
function trigramQuery(needle: string): string {
  const chars = [...needle];
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(''));
  let list = [...grams];
  if (list.length > MAX_QUERY_TRIGRAMS) {
    const step = list.length / MAX_QUERY_TRIGRAMS;
    list = Array.from({ length: MAX_QUERY_TRIGRAMS }, (_, i) => list[Math.floor(i * step)]!);
  }
  return list.map((gram) => `"${gram.replace(/"/g, '""')}"`).join(' AND ');
}

/**
 * The condition "trace `t` has `needle` in the text `scope` names" (case-sensitive substring
 * of the lower-cased text, no wildcards) for a trace list query: every span's text for
 * `all`, the question and answer for `io`, one of them for `input` and `output`. Selective
 * needles of 3+ characters go through the trigram index (SQLite FTS5, PostgreSQL pg_trgm),
 * and the exact substring test still decides, so results equal the plain scan's. SQLite's
 * index is filled in the background: rows still queued for it are tested directly, so a
 * trace is found as soon as its write commits.
 *
 * @example
 * q = q.where(await textSearchCondition(db, SQLITE_TRAITS, 'default', 'refund', 'io'));
 */
export async function textSearchCondition(
  db: Kysely<GlassboxDatabase>,
  traits: SqlDialectTraits,
  projectId: string,
  needle: string,
  scope: TextScope = 'all',
): Promise<RawBuilder<boolean>> {
  const { columns, fts } = SCOPES[scope];
  const found = sql<boolean>`(${sql.join(
    columns.map((c) => traits.contains(sql.ref(`s.${c}`), needle)),
    sql` or `,
  )})`;
  const scan = sql<boolean>`exists (select 1 from trace_search s where s.project_id = t.project_id and s.trace_id = t.trace_id and ${found})`;
  if ([...needle].length < TRIGRAM_MIN_LENGTH) return scan;
  const pattern = likePattern(needle);
  const liked = sql`(${sql.join(
    columns.map((c) => sql`${sql.ref(c)} like ${pattern} escape '\\'`),
    sql` or `,
  )})`;
  const match = trigramQuery(needle);
  const queue = sql.table(SEARCH_INDEX_QUEUE);
  const { rows } =
    traits.name === 'postgres'
      ? await sql<{
          hits: number | string;
        }>`select count(*) as hits from (select 1 from trace_search
          where project_id = ${projectId} and ${liked}
          limit ${SELECTIVE_HITS}) as hits`.execute(db)
      : await sql<{
          hits: number;
        }>`select count(*) as hits from (select rowid from ${sql.table(fts)}
          where ${sql.table(fts)} match ${match} union all select search_rowid from ${queue}
          limit ${SELECTIVE_HITS})`.execute(db);
  if (Number(rows[0]?.hits ?? SELECTIVE_HITS) >= SELECTIVE_HITS) return scan;
  if (traits.name === 'postgres') {
    const sLiked = sql`(${sql.join(
      columns.map((c) => sql`${sql.ref(`s.${c}`)} like ${pattern} escape '\\'`),
      sql` or `,
    )})`;
    return sql<boolean>`t.trace_id in (select s.trace_id from trace_search s
      where s.project_id = ${projectId} and ${sLiked} and ${found})`;
  }
  // Rows written since the index was last filled wait in its queue: read them beside the hits.
  return sql<boolean>`t.trace_id in (select s.trace_id from trace_search s
    where s.rowid in (select rowid from ${sql.table(fts)} where ${sql.table(fts)} match ${match}
      union all select search_rowid from ${queue})
    and s.project_id = ${projectId} and ${found})`;
}
