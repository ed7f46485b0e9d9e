import type { Finding } from '@glassbox/core/classify';
import { orderSpanTree, versionFacet } from '@glassbox/core/ingest';
import type { Span, TraceDetail, TraceOutline, TraceRow, TraceSummary } from '@glassbox/core/model';
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type {
  Page,
  SessionDetail,
  SessionQuery,
  SessionSummary,
  TraceExtent,
  TraceQueries,
  TraceQuery,
  TraceRowQuery,
} from '../ports/trace-queries.js';
import {
  buildFailureSummary,
  checkFailureSummaryQuery,
  type FailureSummary,
  type FailureSummaryQuery,
} from '../traces/failure-summary.js';
import { encodeTraceCursor } from '../traces/trace-cursor.js';
import { checkTraceQuery, checkTraceRowQuery } from '../traces/trace-query-check.js';
import type { GlassboxDatabase, SpansTable } from './database-schema.js';
import { facetNeedle } from './facet-list.js';
import { rowToFinding } from './finding-row.js';
import { rowToSpan, rowToSpanOutline, SPAN_OUTLINE_COLUMNS } from './span-row.js';
import { selectFailureCounts } from './sql-findings.js';
import { listSqlSessions, sqlTraceExtent } from './sql-session-list.js';
import type { SqlDialectTraits } from './sql-dialect-traits.js';
import { textSearchCondition } from './text-search.js';
import { rowToTraceSummary, rowsToLeanTraceRows, type TraceSummaryRow } from './trace-row.js';

type Db = Kysely<GlassboxDatabase>;

const SUMMARY_COLUMNS = [
  't.project_id',
  't.trace_id',
  't.root_span_id',
  't.root_name',
  't.start_ms',
  't.end_ms',
  't.duration_ms',
  't.status',
  't.session_id',
  't.user_id',
  't.tags',
  't.models',
  't.versions',
  't.input_tokens',
  't.output_tokens',
  't.cached_tokens',
  't.total_tokens',
  't.cost_usd',
  't.span_count',
  't.error_count',
  't.f_categories',
  'x.input',
  'x.output',
] as const;

/**
 * TraceQueries over any Kysely SQL database: one set of queries for SQLite and PostgreSQL.
 *
 * @example
 * const traces = new SqlTraceQueries(db, SQLITE_TRAITS);
 * await traces.listTraces({ projectId: 'default', limit: 50 });
 */
export class SqlTraceQueries implements TraceQueries {
  constructor(
    private readonly db: Db,
    private readonly traits: SqlDialectTraits,
  ) {}

  private selectSummaries(
    projectId: string,
  ): SelectQueryBuilder<
    GlassboxDatabase & { t: GlassboxDatabase['traces']; x: GlassboxDatabase['trace_texts'] },
    't' | 'x',
    TraceSummaryRow
  > {
    return this.db
      .selectFrom('traces as t')
      .innerJoin('trace_texts as x', (join) =>
        join.onRef('x.project_id', '=', 't.project_id').onRef('x.trace_id', '=', 't.trace_id'),
      )
      .select(SUMMARY_COLUMNS)
      .where('t.project_id', '=', projectId) as never;
  }

  async listTraces(query: TraceQuery): Promise<Page<TraceSummary>> {
    const after = checkTraceQuery(query);
    const { contains } = this.traits;
    let q = this.selectSummaries(query.projectId);
    if (query.from !== undefined) q = q.where('t.start_ms', '>=', query.from);
    if (query.to !== undefined) q = q.where('t.start_ms', '<=', query.to);
    if (query.sessionId !== undefined) q = q.where('t.session_id', '=', query.sessionId);
    if (query.userId !== undefined) q = q.where('t.user_id', '=', query.userId);
    if (query.status !== undefined) q = q.where('t.status', '=', query.status);
    if (query.name !== undefined) q = q.where('t.root_name', '=', query.name);
    if (query.outcome === 'error') q = q.where('t.status', '=', 'error');
    if (query.outcome === 'failed')
      q = q.where('t.status', '<>', 'error').where('t.f_categories', '<>', '');
    if (query.outcome === 'ok')
      q = q.where('t.status', '<>', 'error').where('t.f_categories', '=', '');
    if (query.model !== undefined)
      q = q.where(contains(sql.ref('t.f_models'), facetNeedle(query.model)));
    if (query.provider !== undefined) {
      q = q.where(contains(sql.ref('t.f_providers'), facetNeedle(query.provider)));
    }
    if (query.kind !== undefined)
      q = q.where(contains(sql.ref('t.f_kinds'), facetNeedle(query.kind)));
    for (const tag of query.tags ?? [])
      q = q.where(contains(sql.ref('t.f_tags'), facetNeedle(tag)));
    for (const [key, value] of Object.entries(query.versions ?? {})) {
      q = q.where(contains(sql.ref('t.f_versions'), facetNeedle(versionFacet(key, value))));
    }
    if (query.category !== undefined) {
      q = q.where(contains(sql.ref('t.f_categories'), facetNeedle(query.category)));
    }
    if (query.layer !== undefined)
      q = q.where(contains(sql.ref('t.f_layers'), facetNeedle(query.layer)));
    if (query.text) {
      const needle = query.text.toLowerCase();
      const scope = query.textScope ?? 'all';
      q = q.where(await textSearchCondition(this.db, this.traits, query.projectId, needle, scope));
    }
    if (after) {
      q = q
        .where('t.start_ms', '<=', after.startMs)
        .where((eb) =>
          eb.or([eb('t.start_ms', '<', after.startMs), eb('t.trace_id', '<', after.traceId)]),
        );
    }
    const rows = await q
      .orderBy('t.start_ms', 'desc')
      .orderBy('t.trace_id', 'desc')
      .limit(query.limit + 1)
      .execute();
    const items = rows.slice(0, query.limit).map(rowToTraceSummary);
    const last = items[items.length - 1];
    return rows.length > query.limit && last
      ? { items, nextCursor: encodeTraceCursor(last) }
      : { items };
  }

  async getTrace(projectId: string, traceId: string): Promise<TraceDetail | undefined> {
    const row = await this.selectSummaries(projectId)
      .where('t.trace_id', '=', traceId)
      .executeTakeFirst();
    if (!row) return undefined;
    const spans = await this.db
      .selectFrom('spans')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('trace_id', '=', traceId)
      .execute();
    return { trace: rowToTraceSummary(row), spans: orderSpanTree(spans.map(rowToSpan)) };
  }

  async getTraceOutline(projectId: string, traceId: string): Promise<TraceOutline | undefined> {
    const row = await this.selectSummaries(projectId)
      .where('t.trace_id', '=', traceId)
      .executeTakeFirst();
    if (!row) return undefined;
    const rows = await this.db
      .selectFrom('spans')
      .select(SPAN_OUTLINE_COLUMNS)
      .where('project_id', '=', projectId)
      .where('trace_id', '=', traceId)
      .execute();
    return { trace: rowToTraceSummary(row), spans: orderSpanTree(rows.map(rowToSpanOutline)) };
  }

  async getSpan(projectId: string, traceId: string, spanId: string): Promise<Span | undefined> {
    const row = await this.db
      .selectFrom('spans')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('trace_id', '=', traceId)
      .where('span_id', '=', spanId)
      .executeTakeFirst();
    return row && rowToSpan(row);
  }

  async getSession(projectId: string, sessionId: string): Promise<SessionDetail | undefined> {
    const rows = await this.selectSummaries(projectId)
      .where('t.session_id', '=', sessionId)
      .orderBy('t.start_ms', 'asc')
      .orderBy('t.trace_id', 'asc')
      .execute();
    if (rows.length === 0) return undefined;
    const spanRows: SpansTable[] = await this.db
      .selectFrom('spans')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('trace_id', 'in', (eb) =>
        eb
          .selectFrom('traces')
          .select('trace_id')
          .where('project_id', '=', projectId)
          .where('session_id', '=', sessionId),
      )
      .execute();
    const byTrace = new Map<string, Span[]>();
    for (const spanRow of spanRows) {
      const list = byTrace.get(spanRow.trace_id) ?? [];
      list.push(rowToSpan(spanRow));
      byTrace.set(spanRow.trace_id, list);
    }
    return {
      sessionId,
      traces: rows.map((row) => ({
        trace: rowToTraceSummary(row),
        spans: orderSpanTree(byTrace.get(row.trace_id) ?? []),
      })),
    };
  }

  listSessions(query: SessionQuery): Promise<Page<SessionSummary>> {
    return listSqlSessions(this.db, query);
  }

  traceExtent(projectId: string): Promise<TraceExtent | undefined> {
    return sqlTraceExtent(this.db, projectId);
  }

  async traceRows(query: TraceRowQuery): Promise<TraceRow[]> {
    checkTraceRowQuery(query);
    const rows = await this.db
      .selectFrom('traces')
      .select([
        'trace_id',
        'start_ms',
        'session_id',
        'root_name',
        'models',
        'versions',
        'status',
        'f_categories',
      ])
      .where('project_id', '=', query.projectId)
      .where('start_ms', '>=', query.from)
      .where('start_ms', '<=', query.to)
      .orderBy('start_ms', 'asc')
      .orderBy('trace_id', 'asc')
      .limit(query.limit)
      .execute();
    return rowsToLeanTraceRows(rows);
  }

  async getFindings(projectId: string, traceId: string): Promise<Finding[]> {
    const rows = await this.db
      .selectFrom('findings')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('trace_id', '=', traceId)
      .orderBy('ordinal')
      .execute();
    return rows.map(rowToFinding);
  }

  async failureSummary(query: FailureSummaryQuery): Promise<FailureSummary> {
    const { firstBucketMs } = checkFailureSummaryQuery(query);
    return buildFailureSummary(query, await selectFailureCounts(this.db, query, firstBucketMs));
  }
}
