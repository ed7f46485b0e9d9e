import type { Finding } from '@glassbox/core/classify';
import { orderSpanTree, traceKey } from '@glassbox/core/ingest';
import type { Span, TraceDetail, TraceOutline, TraceRow, TraceSummary } from '@glassbox/core/model';
import { spanOutline } from '../traces/span-outline.js';
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
  bucketStart,
  buildFailureSummary,
  checkFailureSummaryQuery,
  type FailureSummary,
  type FailureSummaryQuery,
} from '../traces/failure-summary.js';
import { encodeTraceCursor } from '../traces/trace-cursor.js';
import { checkSessionQuery, encodeSessionCursor } from '../traces/session-query-check.js';
import { checkTraceQuery, checkTraceRowQuery } from '../traces/trace-query-check.js';
import type { MemoryTraceTables, StoredTrace } from './memory-trace-tables.js';
import { traceMatchesQuery } from './trace-matches-query.js';

type Ordered = Pick<TraceSummary, 'startMs' | 'traceId'>;

function newestFirst(a: Ordered, b: Ordered): number {
  return b.startMs - a.startMs || (a.traceId < b.traceId ? 1 : a.traceId > b.traceId ? -1 : 0);
}

/**
 * TraceQueries over the in-memory tables, with the same semantics as the database adapters;
 * a supported test double. Values are copied out, so callers cannot change what is stored.
 *
 * @example
 * const queries = new MemoryTraceQueries(tables);
 * await queries.listTraces({ projectId: 'default', limit: 50 });
 */
export class MemoryTraceQueries implements TraceQueries {
  constructor(private readonly tables: MemoryTraceTables) {}

  private withCategories(stored: StoredTrace): TraceSummary {
    return { ...stored.summary, categories: [...stored.facets.categories] };
  }

  async listTraces(query: TraceQuery): Promise<Page<TraceSummary>> {
    const after = checkTraceQuery(query);
    const matching = [...this.tables.traces.values()]
      .filter((t) => traceMatchesQuery(t.summary, t.facets, query))
      .map((t) => this.withCategories(t))
      .filter(
        (s) =>
          after === undefined ||
          s.startMs < after.startMs ||
          (s.startMs === after.startMs && s.traceId < after.traceId),
      )
      .sort(newestFirst);
    const items = matching.slice(0, query.limit).map((s) => structuredClone(s));
    const last = items[items.length - 1];
    return matching.length > query.limit && last
      ? { items, nextCursor: encodeTraceCursor(last) }
      : { items };
  }

  async getTrace(projectId: string, traceId: string): Promise<TraceDetail | undefined> {
    const stored = this.tables.traces.get(traceKey({ projectId, traceId }));
    if (!stored) return undefined;
    return structuredClone({
      trace: this.withCategories(stored),
      spans: orderSpanTree([...stored.spans.values()]),
    });
  }

  async getTraceOutline(projectId: string, traceId: string): Promise<TraceOutline | undefined> {
    const stored = this.tables.traces.get(traceKey({ projectId, traceId }));
    if (!stored) return undefined;
    return {
      trace: structuredClone(this.withCategories(stored)),
      spans: orderSpanTree([...stored.spans.values()]).map(spanOutline),
    };
  }

  async getSpan(projectId: string, traceId: string, spanId: string): Promise<Span | undefined> {
    const span = this.tables.traces.get(traceKey({ projectId, traceId }))?.spans.get(spanId);
    return span && structuredClone(span);
  }

  async getSession(projectId: string, sessionId: string): Promise<SessionDetail | undefined> {
    const traces = [...this.tables.traces.values()]
      .filter((t) => t.summary.projectId === projectId && t.summary.sessionId === sessionId)
      .sort((a, b) => -newestFirst(a.summary, b.summary))
      .map((t) =>
        structuredClone({
          trace: this.withCategories(t),
          spans: orderSpanTree([...t.spans.values()]),
        }),
      );
    return traces.length === 0 ? undefined : { sessionId, traces };
  }

  async listSessions(query: SessionQuery): Promise<Page<SessionSummary>> {
    const after = checkSessionQuery(query);
    const byId = new Map<string, SessionSummary>();
    for (const { summary, facets } of this.tables.traces.values()) {
      if (summary.projectId !== query.projectId || summary.sessionId === undefined) continue;
      const s = byId.get(summary.sessionId) ?? {
        sessionId: summary.sessionId,
        turns: 0,
        failedTurns: 0,
        errorTurns: 0,
        costUsd: 0,
        firstSeenMs: summary.startMs,
        lastSeenMs: summary.startMs,
      };
      s.turns++;
      if (facets.categories.length > 0) s.failedTurns++;
      if (summary.status === 'error') s.errorTurns++;
      s.costUsd += summary.costUsd;
      s.firstSeenMs = Math.min(s.firstSeenMs, summary.startMs);
      s.lastSeenMs = Math.max(s.lastSeenMs, summary.startMs);
      byId.set(summary.sessionId, s);
    }
    const sessions = [...byId.values()]
      .filter(
        (s) =>
          after === undefined ||
          s.lastSeenMs < after.lastSeenMs ||
          (s.lastSeenMs === after.lastSeenMs && s.sessionId < after.sessionId),
      )
      .sort(
        (a, b) =>
          b.lastSeenMs - a.lastSeenMs ||
          (a.sessionId < b.sessionId ? 1 : a.sessionId > b.sessionId ? -1 : 0),
      );
    const items = sessions.slice(0, query.limit);
    const last = items[items.length - 1];
    return sessions.length > query.limit && last
      ? { items, nextCursor: encodeSessionCursor(last) }
      : { items };
  }

  async traceExtent(projectId: string): Promise<TraceExtent | undefined> {
    let extent: TraceExtent | undefined;
    for (const { summary } of this.tables.traces.values()) {
      if (summary.projectId !== projectId) continue;
      extent = {
        firstMs: Math.min(extent?.firstMs ?? summary.startMs, summary.startMs),
        lastMs: Math.max(extent?.lastMs ?? summary.startMs, summary.startMs),
      };
    }
    return extent;
  }

  async traceRows(query: TraceRowQuery): Promise<TraceRow[]> {
    checkTraceRowQuery(query);
    const rows: TraceRow[] = [];
    for (const { summary: s, facets } of this.tables.traces.values()) {
      if (s.projectId !== query.projectId || s.startMs < query.from || s.startMs > query.to) {
        continue;
      }
      rows.push({
        traceId: s.traceId,
        startMs: s.startMs,
        ...(s.sessionId !== undefined ? { sessionId: s.sessionId } : {}),
        ...(s.rootName !== undefined ? { rootName: s.rootName } : {}),
        models: [...s.models],
        categories: [...facets.categories],
        versions: { ...s.versions },
        status: s.status,
      });
    }
    return rows.sort((a, b) => -newestFirst(a, b)).slice(0, query.limit);
  }

  async getFindings(projectId: string, traceId: string): Promise<Finding[]> {
    return structuredClone(
      this.tables.traces.get(traceKey({ projectId, traceId }))?.findings ?? [],
    );
  }

  async failureSummary(query: FailureSummaryQuery): Promise<FailureSummary> {
    const rows: { startMs: number; category: string; traces: number }[] = [];
    checkFailureSummaryQuery(query);
    for (const t of this.tables.traces.values()) {
      const { projectId, startMs } = t.summary;
      if (projectId !== query.projectId || startMs < query.from || startMs >= query.to) continue;
      const bucket = bucketStart(startMs, query.bucketMs);
      for (const category of t.facets.categories)
        rows.push({ startMs: bucket, category, traces: 1 });
    }
    return buildFailureSummary(query, rows);
  }
}
