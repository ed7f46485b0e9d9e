import type { SessionSpansQuery } from '@glassbox/core/ingest';
import type { Span } from '@glassbox/core/model';
import { sql, type Transaction } from 'kysely';
import { chunks } from './chunks.js';
import type { GlassboxDatabase, SpansTable } from './database-schema.js';
import { FACET_SEPARATOR } from './facet-list.js';
import { rowToSpan } from './span-row.js';

type Trx = Transaction<GlassboxDatabase>;

/** Sessions per statement: SQLite allows at most 500 terms in one compound select. */
const SESSIONS_PER_STATEMENT = 200;
/** Trace ids per `in (...)` list when reading their spans. */
const TRACE_ID_CHUNK = 500;

/**
 * `f_kinds like '%<sep>kind<sep>%'` written as a literal, not a parameter: the partial index
 * of migration 0016 (traces of a session holding tool spans) is used only by a query whose
 * condition is the very same text.
 *
 * @example
 * tracesHoldingKind('tool'); // "f_kinds like '%\u001ftool\u001f%'"
 */
export function tracesHoldingKind(kind: string): string {
  if (!/^[a-z_]+$/.test(kind))
    throw new Error(`span kind ${JSON.stringify(kind)} is not a plain name`);
  return `f_kinds like '%${FACET_SEPARATOR}${kind}${FACET_SEPARATOR}%'`;
}

/**
 * The session context of a whole write in two statements (more only past 200 sessions or
 * 500 traces): the newest `limit` traces of each session that hold spans of the asked kinds,
 * through the partial index, then their spans of those kinds. Answer `i` is for `queries[i]`.
 */
export async function readSessionSpans(
  trx: Trx,
  queries: readonly SessionSpansQuery[],
): Promise<Span[][]> {
  const answers: Span[][] = queries.map(() => []);
  // (project, trace) -> the queries that trace answers.
  const wanted = new Map<string, Map<string, number[]>>();
  const indexed = queries.map((query, index) => ({ query, index }));
  for (const part of chunks(indexed, SESSIONS_PER_STATEMENT)) {
    const selects = part.map(({ query, index }, n) => {
      const kinds = sql.raw(`(${query.kinds.map(tracesHoldingKind).join(' or ')})`);
      const exclusion =
        query.excludeTraceIds.length > 0
          ? sql` and trace_id not in (${sql.join(query.excludeTraceIds)})`
          : sql``;
      return sql`select * from (select ${sql.lit(index)} as q, trace_id from traces
        where project_id = ${query.projectId} and session_id = ${query.sessionId}
        and ${kinds}${exclusion} order by start_ms desc limit ${query.limit}) as ${sql.raw(`s${n}`)}`;
    });
    const { rows } = await sql<{ q: number; trace_id: string }>`${sql.join(
      selects,
      sql` union all `,
    )}`.execute(trx);
    for (const row of rows) {
      const projectId = queries[row.q]!.projectId;
      const traces = wanted.get(projectId) ?? new Map<string, number[]>();
      wanted.set(projectId, traces);
      traces.set(row.trace_id, [...(traces.get(row.trace_id) ?? []), Number(row.q)]);
    }
  }
  const kinds = [...new Set(queries.flatMap((q) => q.kinds))];
  for (const [projectId, traces] of wanted) {
    for (const ids of chunks([...traces.keys()], TRACE_ID_CHUNK)) {
      const rows: SpansTable[] = await trx
        .selectFrom('spans')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('trace_id', 'in', ids)
        .where('kind', 'in', kinds)
        .execute();
      for (const row of rows) {
        for (const q of traces.get(row.trace_id) ?? []) {
          if (queries[q]!.kinds.includes(row.kind as Span['kind']))
            answers[q]!.push(rowToSpan(row));
        }
      }
    }
  }
  return answers.map((spans, i) =>
    spans.sort((a, b) => b.startMs - a.startMs).slice(0, queries[i]!.limit),
  );
}
