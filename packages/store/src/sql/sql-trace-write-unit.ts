import type {
  PendingEvents,
  SessionSpansQuery,
  SpanRef,
  StoredTraceRecord,
  SummarySpan,
  TraceRecord,
  TraceRef,
  TraceWritePlan,
} from '@glassbox/core/ingest';
import type { Span } from '@glassbox/core/model';
import type { Transaction } from 'kysely';
import type { TraceWriteUnit } from '../ports/trace-writes.js';
import type { GlassboxDatabase } from './database-schema.js';
import {
  rowToSpan,
  rowToSummarySpan,
  spanToRow,
  SPAN_COLUMNS,
  SUMMARY_SPAN_COLUMNS,
} from './span-row.js';
import { replaceFindings } from './sql-findings.js';
import { readSessionSpans } from './sql-session-spans.js';
import type { SqlDialectTraits } from './sql-dialect-traits.js';
import {
  deletePendingEvents,
  readPendingEvents,
  readSpansByKey,
  writePendingEvents,
} from './sql-pending-events.js';
import type { DetectionDatabase } from './detection-tables.js';
import { decodeFacetList } from './facet-list.js';
import { rowToTraceSummary, traceToRows } from './trace-row.js';
import { upsertRows, type UpsertOptions } from './upsert-rows.js';

type Trx = Transaction<GlassboxDatabase>;

/** How many trace ids one `in (...)` list carries when reading back earlier spans. */
const TRACE_ID_CHUNK = 500;

/** Trace ids by project, in lists of at most TRACE_ID_CHUNK. */
function traceIdChunks(traces: readonly TraceRef[]): [string, string[]][] {
  const byProject = new Map<string, string[]>();
  for (const t of traces) {
    const ids = byProject.get(t.projectId) ?? [];
    ids.push(t.traceId);
    byProject.set(t.projectId, ids);
  }
  const chunks: [string, string[]][] = [];
  for (const [projectId, ids] of byProject) {
    for (let i = 0; i < ids.length; i += TRACE_ID_CHUNK) {
      chunks.push([projectId, ids.slice(i, i + TRACE_ID_CHUNK)]);
    }
  }
  return chunks;
}

/**
 * One ingest batch's reads and write inside its SQL transaction (see SqlTraceWrites), for
 * SQLite and PostgreSQL alike.
 */
export class SqlTraceWriteUnit implements TraceWriteUnit {
  private readonly limits: Omit<UpsertOptions, 'key'>;

  constructor(
    private readonly trx: Trx,
    private readonly traits: SqlDialectTraits,
  ) {
    this.limits = { maxParameters: traits.maxParameters, dialect: traits.name };
  }

  readSpans(refs: readonly SpanRef[]): Promise<Span[]> {
    return readSpansByKey(this.trx, refs);
  }

  readPendingEvents(refs: readonly SpanRef[]): Promise<PendingEvents[]> {
    return readPendingEvents(this.trx, refs);
  }

  readTraceSpans(traces: readonly TraceRef[], detail: 'full'): Promise<Span[]>;
  readTraceSpans(traces: readonly TraceRef[], detail: 'summary'): Promise<SummarySpan[]>;
  async readTraceSpans(
    traces: readonly TraceRef[],
    detail: 'full' | 'summary',
  ): Promise<SummarySpan[]> {
    const spans: SummarySpan[] = [];
    for (const [projectId, traceIds] of traceIdChunks(traces)) {
      const query = this.trx
        .selectFrom('spans')
        .where('project_id', '=', projectId)
        .where('trace_id', 'in', traceIds);
      if (detail === 'full') {
        for (const row of await query.selectAll().execute()) spans.push(rowToSpan(row));
      } else {
        const rows = await query.select(SUMMARY_SPAN_COLUMNS).execute();
        for (const row of rows) spans.push(rowToSummarySpan(row));
      }
    }
    return spans;
  }

  async readTraceRecords(traces: readonly TraceRef[]): Promise<StoredTraceRecord[]> {
    const records: StoredTraceRecord[] = [];
    for (const [projectId, traceIds] of traceIdChunks(traces)) {
      const rows = await this.trx
        .selectFrom('traces as t')
        .innerJoin('trace_texts as x', (j) =>
          j.onRef('x.project_id', '=', 't.project_id').onRef('x.trace_id', '=', 't.trace_id'),
        )
        .innerJoin('trace_search as s', (j) =>
          j.onRef('s.project_id', '=', 't.project_id').onRef('s.trace_id', '=', 't.trace_id'),
        )
        .selectAll('t')
        .select(['x.input', 'x.output', 's.search_text', 's.input_text', 's.output_text'])
        .where('t.project_id', '=', projectId)
        .where('t.trace_id', 'in', traceIds)
        .execute();
      for (const row of rows) {
        records.push({
          summary: rowToTraceSummary(row),
          facets: {
            models: decodeFacetList(row.f_models),
            providers: decodeFacetList(row.f_providers),
            kinds: decodeFacetList(row.f_kinds),
            tags: decodeFacetList(row.f_tags),
            versions: decodeFacetList(row.f_versions),
            searchText: row.search_text,
            inputText: row.input_text,
            outputText: row.output_text,
          },
        });
      }
    }
    return records;
  }

  async writeTraceRecords(
    records: readonly TraceRecord[],
    options: { keepQueued?: boolean } = {},
  ): Promise<void> {
    if (records.length === 0) return;
    await replaceFindings(this.trx, records, this.limits);
    await this.writeTraces(records);
    if (options.keepQueued) return;
    // The traces triggers queued these for detection; the detection job is the writer here.
    const detection = this.trx as unknown as Transaction<DetectionDatabase>;
    for (const [projectId, traceIds] of traceIdChunks(records.map((r) => r.summary))) {
      await detection
        .deleteFrom('detection_changes')
        .where('project_id', '=', projectId)
        .where('trace_id', 'in', traceIds)
        .execute();
    }
  }

  readSessionSpans(queries: readonly SessionSpansQuery[]): Promise<Span[][]> {
    return readSessionSpans(this.trx, queries);
  }

  async write(plan: TraceWritePlan): Promise<void> {
    await deletePendingEvents(this.trx, plan.consumed);
    await writePendingEvents(this.trx, plan.pending, this.limits);
    if (plan.spans.length === 0) return;
    await upsertRows(this.trx, 'spans', plan.spans.map(spanToRow), SPAN_COLUMNS, {
      ...this.limits,
      key: this.traits.spanKey,
    });
    await replaceFindings(this.trx, plan.traces, this.limits);
    // A write classifies all of its traces or none; the groups keep each upsert's columns alike.
    const classified = plan.traces.filter((t) => t.findings !== undefined);
    const unclassified = plan.traces.filter((t) => t.findings === undefined);
    for (const group of [classified, unclassified]) await this.writeTraces(group);
  }

  /** Upserts the summary, text and search rows of trace records. */
  private async writeTraces(records: readonly TraceRecord[]): Promise<void> {
    if (records.length === 0) return;
    const rows = records.map(traceToRows);
    const options = { ...this.limits, key: ['project_id', 'trace_id'] };
    await upsertRows(
      this.trx,
      'traces',
      rows.map((r) => r.trace as GlassboxDatabase['traces']),
      undefined,
      options,
    );
    await upsertRows(
      this.trx,
      'trace_texts',
      rows.map((r) => r.text),
      undefined,
      options,
    );
    await upsertRows(
      this.trx,
      'trace_search',
      rows.map((r) => r.search),
      undefined,
      options,
    );
  }
}
