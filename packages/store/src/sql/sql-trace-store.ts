import type { Finding } from '@glassbox/core/classify';
import type { Span, TraceDetail, TraceSummary } from '@glassbox/core/model';
import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import {
  buildFailureSummary,
  checkFailureSummaryQuery,
  type FailureSummary,
  type FailureSummaryQuery,
} from '../failure-summary.js';
import { findingFacets } from '../finding-facets.js';
import { orderSpanTree } from '../span-tree-order.js';
import { buildTraceFacets, facetNeedle, versionFacet } from '../trace-facets.js';
import { encodeTraceCursor } from '../trace-cursor.js';
import { checkTraceQuery } from '../trace-query-check.js';
import type {
  Page,
  SessionDetail,
  SpanWriteOptions,
  TraceQuery,
  TraceStore,
} from '../trace-store.js';
import { summarizeTrace, type SummarySpan } from '../trace-summary.js';
import type { GlassboxDatabase, SpansTable } from './database-schema.js';
import { rowToFinding } from './finding-row.js';
import {
  readSessionSpans,
  replaceFindings,
  selectFailureCounts,
  type ClassifiedTrace,
} from './sql-findings.js';
import type { SqlDialectTraits } from './sql-dialect-traits.js';
import {
  rowToSpan,
  rowToSummarySpan,
  spanToRow,
  SPAN_COLUMNS,
  SUMMARY_SPAN_COLUMNS,
} from './span-row.js';
import { rowToTraceSummary, traceToRows, type TraceSummaryRow } from './trace-row.js';
import { textSearchCondition } from './text-search.js';
import { upsertRows } from './upsert-rows.js';
import {
  groupSpanEvents,
  planSpanEvents,
  spanEventSettings,
  spanKey,
  PENDING_SWEEP_LIMIT,
} from './span-events-plan.js';
import {
  deletePendingEvents,
  readPendingEvents,
  readSpansByKey,
  sweepPendingEvents,
  writePendingEvents,
} from './sql-pending-events.js';

type Db = Kysely<GlassboxDatabase>;
type Trx = Transaction<GlassboxDatabase>;

interface TouchedTrace {
  projectId: string;
  traceId: string;
  /** Full spans when the write classifies, else at least the summary fields. */
  spans: Map<string, SummarySpan | Span>;
}

/** How many trace ids one `in (...)` list carries when reading back earlier spans. */
const TRACE_ID_CHUNK = 500;

/** How often a store sweeps expired pending span events while it has no backlog. */
const SWEEP_INTERVAL_MS = 60_000;

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
 * The TraceStore over any Kysely SQL database: one set of queries for SQLite and PostgreSQL.
 * Each write recomputes the touched traces' summaries from all their spans, in the same
 * transaction, so re-sent spans never double-count.
 *
 * @example
 * const store = new SqlTraceStore(db, SQLITE_TRAITS);
 * await store.writeSpans(spans);
 */
export class SqlTraceStore implements TraceStore {
  private nextSweepMs = 0;

  constructor(
    private readonly db: Db,
    private readonly traits: SqlDialectTraits,
  ) {}

  async writeSpans(spans: readonly Span[], options: SpanWriteOptions = {}): Promise<void> {
    const settings = spanEventSettings(options);
    if (spans.length === 0 && settings.events.length === 0) return;
    await this.sweepIfDue(settings.nowMs, settings.cutoffMs);
    const { classifier } = options;
    const written = new Map<string, Span>();
    for (const span of spans) written.set(spanKey(span.projectId, span.traceId, span.spanId), span);
    const incoming = groupSpanEvents(settings.events);
    const locked = new Map<string, { projectId: string; traceId: string }>();
    for (const ref of [...written.values(), ...incoming.values()]) {
      locked.set(`${ref.projectId}\0${ref.traceId}`, ref);
    }
    await this.db.transaction().execute(async (trx) => {
      await this.traits.lockTraces(trx, [...locked.values()]);
      const unstored = [...incoming].filter(([key]) => !written.has(key)).map(([, e]) => e);
      const plan = planSpanEvents({
        written,
        incoming,
        stored: unstored.length > 0 ? await readSpansByKey(trx, unstored) : new Map(),
        waiting: settings.attach
          ? await readPendingEvents(trx, [...written.values(), ...unstored])
          : new Map(),
        attach: settings.attach,
        nowMs: settings.nowMs,
        cutoffMs: settings.cutoffMs,
      });
      const limits = { maxParameters: this.traits.maxParameters, dialect: this.traits.name };
      await deletePendingEvents(
        trx,
        plan.consumed.map((key) => written.get(key) ?? incoming.get(key)!),
      );
      await writePendingEvents(trx, plan.pending, limits);
      const unique = plan.spans;
      if (unique.size === 0) return;
      const touched = new Map<string, TouchedTrace>();
      for (const span of unique.values()) {
        const key = `${span.projectId}\0${span.traceId}`;
        let trace = touched.get(key);
        if (!trace) {
          trace = { projectId: span.projectId, traceId: span.traceId, spans: new Map() };
          touched.set(key, trace);
        }
        trace.spans.set(span.spanId, span);
      }
      await this.addEarlierSpans(trx, touched, classifier !== undefined);
      const options = { key: ['project_id', 'trace_id'], ...limits };
      await upsertRows(trx, 'spans', [...unique.values()].map(spanToRow), SPAN_COLUMNS, {
        ...options,
        key: ['project_id', 'trace_id', 'span_id'],
      });
      const traces = [...touched.values()].map((t) => {
        const traceSpans = [...t.spans.values()];
        return { spans: traceSpans, summary: summarizeTrace(traceSpans) };
      });
      let findings: Map<ClassifiedTrace, Finding[]> | undefined;
      if (classifier) {
        const classified = traces.map(({ spans: all, summary }): ClassifiedTrace => {
          const t: ClassifiedTrace = { ...summary, spans: orderSpanTree(all as Span[]) };
          if (summary.sessionId === undefined) delete t.sessionId;
          return t;
        });
        const session = classifier.session
          ? await readSessionSpans(trx, classified, classifier.session)
          : new Map<ClassifiedTrace, Span[]>();
        findings = new Map(
          classified.map((t) => [
            t,
            classifier.classify({
              projectId: t.projectId,
              traceId: t.traceId,
              spans: t.spans,
              sessionSpans: session.get(t) ?? [],
            }),
          ]),
        );
        await replaceFindings(trx, findings, limits);
      }
      const found = findings ? [...findings.values()] : undefined;
      const rows = traces.map(({ spans: all, summary }, i) => {
        const rowSet = traceToRows(summary, buildTraceFacets(all), findingFacets(found?.[i] ?? []));
        // Without a classifier the stored categories stay as the last classifying write left them.
        if (!found) {
          const partial: Partial<typeof rowSet.trace> = rowSet.trace;
          delete partial.f_categories;
          delete partial.f_layers;
        }
        return rowSet;
      });
      await upsertRows(
        trx,
        'traces',
        rows.map((r) => r.trace),
        undefined,
        options,
      );
      await upsertRows(
        trx,
        'trace_texts',
        rows.map((r) => r.text),
        undefined,
        options,
      );
      await upsertRows(
        trx,
        'trace_search',
        rows.map((r) => r.search),
        undefined,
        options,
      );
    });
  }

  /** Sweeps expired pending span events at most once a minute, or at once while a backlog lasts. */
  private async sweepIfDue(nowMs: number, cutoffMs: number): Promise<void> {
    if (nowMs < this.nextSweepMs) return;
    const deleted = await sweepPendingEvents(this.db, this.traits, cutoffMs);
    this.nextSweepMs = deleted >= PENDING_SWEEP_LIMIT ? nowMs : nowMs + SWEEP_INTERVAL_MS;
  }

  /** Adds the spans that earlier writes stored for the touched traces. */
  private async addEarlierSpans(
    trx: Trx,
    touched: Map<string, TouchedTrace>,
    full: boolean,
  ): Promise<void> {
    const byProject = new Map<string, string[]>();
    for (const t of touched.values()) {
      const ids = byProject.get(t.projectId) ?? [];
      ids.push(t.traceId);
      byProject.set(t.projectId, ids);
    }
    for (const [projectId, traceIds] of byProject) {
      for (let i = 0; i < traceIds.length; i += TRACE_ID_CHUNK) {
        const chunk = traceIds.slice(i, i + TRACE_ID_CHUNK);
        const query = trx
          .selectFrom('spans')
          .where('project_id', '=', projectId)
          .where('trace_id', 'in', chunk);
        const rows: Pick<SpansTable, 'trace_id' | 'span_id'>[] = full
          ? await query.selectAll().execute()
          : await query.select(SUMMARY_SPAN_COLUMNS).execute();
        for (const row of rows) {
          const trace = touched.get(`${projectId}\0${row.trace_id}`);
          if (trace && !trace.spans.has(row.span_id)) {
            trace.spans.set(
              row.span_id,
              full ? rowToSpan(row as SpansTable) : rowToSummarySpan(row as never),
            );
          }
        }
      }
    }
  }

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
      q = q.where(await textSearchCondition(this.db, this.traits, query.projectId, needle));
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

  async close(): Promise<void> {}
}
