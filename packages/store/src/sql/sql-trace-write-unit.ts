import type {
  PendingEvents,
  SessionSpansQuery,
  SpanRef,
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
import { traceToRows } from './trace-row.js';
import { upsertRows, type UpsertOptions } from './upsert-rows.js';

type Trx = Transaction<GlassboxDatabase>;

/** How many trace ids one `in (...)` list carries when reading back earlier spans. */
const TRACE_ID_CHUNK = 500;

/**
 * One ingest batch's reads and write inside its SQL transaction (see SqlTraceWrites), for
 * SQLite and PostgreSQL alike.
 */
export class SqlTraceWriteUnit implements TraceWriteUnit {
  private readonly limits: Omit<UpsertOptions, 'key'>;

  constructor(
    private readonly trx: Trx,
    traits: SqlDialectTraits,
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
    const byProject = new Map<string, string[]>();
    for (const t of traces) {
      const ids = byProject.get(t.projectId) ?? [];
      ids.push(t.traceId);
      byProject.set(t.projectId, ids);
    }
    const spans: SummarySpan[] = [];
    for (const [projectId, traceIds] of byProject) {
      for (let i = 0; i < traceIds.length; i += TRACE_ID_CHUNK) {
        const query = this.trx
          .selectFrom('spans')
          .where('project_id', '=', projectId)
          .where('trace_id', 'in', traceIds.slice(i, i + TRACE_ID_CHUNK));
        if (detail === 'full') {
          for (const row of await query.selectAll().execute()) spans.push(rowToSpan(row));
        } else {
          const rows = await query.select(SUMMARY_SPAN_COLUMNS).execute();
          for (const row of rows) spans.push(rowToSummarySpan(row));
        }
      }
    }
    return spans;
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
      key: ['project_id', 'trace_id', 'span_id'],
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
