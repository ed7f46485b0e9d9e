import type { Finding } from '@glassbox/core/classify';
import type { Span } from '@glassbox/core/model';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { FailureSummaryQuery } from '../failure-summary.js';
import type { TraceClassifier } from '../trace-classifier.js';
import type { GlassboxDatabase } from './database-schema.js';
import { findingToRow } from './finding-row.js';
import { rowToSpan } from './span-row.js';
import { upsertRows, type UpsertOptions } from './upsert-rows.js';

type Trx = Transaction<GlassboxDatabase>;

/** A trace a write touched, with every one of its spans in full. */
export interface ClassifiedTrace {
  projectId: string;
  traceId: string;
  startMs: number;
  sessionId?: string;
  spans: Span[];
}

/**
 * The session spans each touched trace's classifier asked for: the newest spans of the asked
 * kinds from the session's other traces, stored ones and ones in this write alike.
 */
export async function readSessionSpans(
  trx: Trx,
  traces: readonly ClassifiedTrace[],
  session: NonNullable<TraceClassifier['session']>,
): Promise<Map<ClassifiedTrace, Span[]>> {
  const bySession = new Map<string, ClassifiedTrace[]>();
  for (const t of traces) {
    if (t.sessionId === undefined) continue;
    const key = `${t.projectId}\u0000${t.sessionId}`;
    bySession.set(key, [...(bySession.get(key) ?? []), t]);
  }
  const out = new Map<ClassifiedTrace, Span[]>();
  if (session.limit < 1 || session.kinds.length === 0) return out;
  for (const members of bySession.values()) {
    const { projectId, sessionId } = members[0]!;
    const written = new Set(members.map((t) => t.traceId));
    // Trace ids first, through the session index: a join the planner could drive from spans
    // would scan them all.
    const sessionTraces = await trx
      .selectFrom('traces')
      .select('trace_id')
      .where('project_id', '=', projectId)
      .where('session_id', '=', sessionId!)
      .where('trace_id', 'not in', [...written])
      .orderBy('start_ms', 'desc')
      .limit(session.limit)
      .execute();
    const rows =
      sessionTraces.length === 0
        ? []
        : await trx
            .selectFrom('spans')
            .selectAll()
            .where('project_id', '=', projectId)
            .where(
              'trace_id',
              'in',
              sessionTraces.map((t) => t.trace_id),
            )
            .where('kind', 'in', [...session.kinds])
            .orderBy('start_ms', 'desc')
            .limit(session.limit)
            .execute();
    const pool = [
      ...rows.map(rowToSpan),
      ...members.flatMap((t) => t.spans.filter((s) => session.kinds.includes(s.kind))),
    ].sort((a, b) => b.startMs - a.startMs);
    for (const t of members) {
      out.set(t, pool.filter((s) => s.traceId !== t.traceId).slice(0, session.limit));
    }
  }
  return out;
}

/** Replaces the stored findings of the given traces. */
export async function replaceFindings(
  trx: Trx,
  findings: ReadonlyMap<ClassifiedTrace, Finding[]>,
  limits: Pick<UpsertOptions, 'maxParameters' | 'dialect'>,
): Promise<void> {
  const byProject = new Map<string, string[]>();
  for (const t of findings.keys()) {
    byProject.set(t.projectId, [...(byProject.get(t.projectId) ?? []), t.traceId]);
  }
  for (const [projectId, traceIds] of byProject) {
    for (let i = 0; i < traceIds.length; i += 500) {
      await trx
        .deleteFrom('findings')
        .where('project_id', '=', projectId)
        .where('trace_id', 'in', traceIds.slice(i, i + 500))
        .execute();
    }
  }
  const rows = [...findings].flatMap(([trace, list]) =>
    list.map((f, ordinal) => findingToRow(f, trace, ordinal)),
  );
  await upsertRows(trx, 'findings', rows, undefined, {
    key: ['project_id', 'trace_id', 'ordinal'],
    ...limits,
  });
}

/** (bucket start, category, traces) rows of a failure summary. */
export async function selectFailureCounts(
  db: Kysely<GlassboxDatabase>,
  query: FailureSummaryQuery,
  firstBucketMs: number,
): Promise<{ startMs: number; category: string; traces: number }[]> {
  const bucket = sql<number>`floor((trace_start_ms - ${firstBucketMs}) / ${query.bucketMs})`;
  const rows = await db
    .selectFrom('findings')
    .select([
      bucket.as('bucket'),
      'category',
      (eb) => eb.fn.count<number | string>('trace_id').distinct().as('traces'),
    ])
    .where('project_id', '=', query.projectId)
    .where('trace_start_ms', '>=', query.from)
    .where('trace_start_ms', '<', query.to)
    .groupBy([sql`bucket`, 'category'])
    .execute();
  return rows.map((r) => ({
    startMs: firstBucketMs + Number(r.bucket) * query.bucketMs,
    category: r.category,
    traces: Number(r.traces),
  }));
}
