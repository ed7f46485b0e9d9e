import type { TraceRecord } from '@glassbox/core/ingest';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { FailureSummaryQuery } from '../traces/failure-summary.js';
import type { GlassboxDatabase } from './database-schema.js';
import { findingToRow } from './finding-row.js';
import { upsertRows, type UpsertOptions } from './upsert-rows.js';

type Trx = Transaction<GlassboxDatabase>;

/** Trace ids per `in (...)` list when deleting findings. */
const TRACE_ID_CHUNK = 500;

/** Replaces the stored findings of every trace record that carries findings. */
export async function replaceFindings(
  trx: Trx,
  records: readonly TraceRecord[],
  limits: Pick<UpsertOptions, 'maxParameters' | 'dialect'>,
): Promise<void> {
  const classified = records.filter((r) => r.findings !== undefined);
  const byProject = new Map<string, string[]>();
  for (const { summary } of classified) {
    const ids = byProject.get(summary.projectId) ?? [];
    ids.push(summary.traceId);
    byProject.set(summary.projectId, ids);
  }
  for (const [projectId, traceIds] of byProject) {
    for (let i = 0; i < traceIds.length; i += TRACE_ID_CHUNK) {
      await trx
        .deleteFrom('findings')
        .where('project_id', '=', projectId)
        .where('trace_id', 'in', traceIds.slice(i, i + TRACE_ID_CHUNK))
        .execute();
    }
  }
  const rows = classified.flatMap(({ summary, findings }) =>
    (findings ?? []).map((f, ordinal) => findingToRow(f, summary, ordinal)),
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
