import type { TextScope } from '@glassbox/core/model';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { GlassboxDatabase } from './database-schema.js';
import type { SqlDialectTraits } from './sql-dialect-traits.js';

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

/**
 * An FTS5 query for rows holding every trigram of `needle`. The index keeps no positions
 * (detail=none, a third of the write cost), so this is a superset of the substring matches.
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
 * The condition "trace `t` has `needle` in its search text" (case-sensitive substring of the
 * lower-cased search text, no wildcards) for a trace list query. Selective needles of 3+
 * characters go through the trigram index (SQLite FTS5, PostgreSQL pg_trgm), and the exact
 * substring test still decides, so results equal the plain scan's.
 *
 * @example
 * q = q.where(await textSearchCondition(db, SQLITE_TRAITS, 'default', 'refund'));
 */
export async function textSearchCondition(
  db: Kysely<GlassboxDatabase>,
  traits: SqlDialectTraits,
  projectId: string,
  needle: string,
): Promise<RawBuilder<boolean>> {
  const found = traits.contains(sql.ref('s.search_text'), needle);
  const scan = sql<boolean>`exists (select 1 from trace_search s where s.project_id = t.project_id and s.trace_id = t.trace_id and ${found})`;
  if ([...needle].length < TRIGRAM_MIN_LENGTH) return scan;
  const { rows } =
    traits.name === 'postgres'
      ? await sql<{
          hits: number | string;
        }>`select count(*) as hits from (select 1 from trace_search
          where project_id = ${projectId} and search_text like ${likePattern(needle)} escape '\\'
          limit ${SELECTIVE_HITS}) as hits`.execute(db)
      : await sql<{ hits: number }>`select count(*) as hits from (select rowid from trace_search_fts
          where trace_search_fts match ${trigramQuery(needle)} limit ${SELECTIVE_HITS})`.execute(
          db,
        );
  if (Number(rows[0]?.hits ?? SELECTIVE_HITS) >= SELECTIVE_HITS) return scan;
  if (traits.name === 'postgres') {
    return sql<boolean>`t.trace_id in (select s.trace_id from trace_search s
      where s.project_id = ${projectId} and s.search_text like ${likePattern(needle)} escape '\\'
      and ${found})`;
  }
  return sql<boolean>`t.trace_id in (select s.trace_id from trace_search s
    where s.rowid in (select rowid from trace_search_fts where trace_search_fts match ${trigramQuery(needle)})
    and s.project_id = ${projectId} and ${found})`;
}

/**
 * The condition "trace `t` has `needle` in the text `scope` names": the full search text
 * through `textSearchCondition`, or the trace's question and answer, scanned (they are short,
 * and the newest-first scan stops at a page of matches).
 *
 * @example
 * q = q.where(await scopedTextCondition(db, SQLITE_TRAITS, 'default', 'refund', 'io'));
 */
export async function scopedTextCondition(
  db: Kysely<GlassboxDatabase>,
  traits: SqlDialectTraits,
  projectId: string,
  needle: string,
  scope: TextScope,
): Promise<RawBuilder<boolean>> {
  if (scope === 'all') return textSearchCondition(db, traits, projectId, needle);
  const input = traits.contains(sql.ref('s.input_text'), needle);
  const output = traits.contains(sql.ref('s.output_text'), needle);
  const found =
    scope === 'input' ? input : scope === 'output' ? output : sql<boolean>`(${input} or ${output})`;
  return sql<boolean>`exists (select 1 from trace_search s where s.project_id = t.project_id and s.trace_id = t.trace_id and ${found})`;
}
