import type { Span, TraceDetail, TraceSummary } from '@glassbox/core';
import { orderSpanTree } from '../span-tree-order.js';
import { buildTraceFacets, type TraceFacets } from '../trace-facets.js';
import { encodeTraceCursor } from '../trace-cursor.js';
import { traceMatchesQuery } from '../trace-matches-query.js';
import { checkTraceQuery } from '../trace-query-check.js';
import type { Page, SessionDetail, TraceQuery, TraceStore } from '../trace-store.js';
import { summarizeTrace } from '../trace-summary.js';

interface StoredTrace {
  spans: Map<string, Span>;
  summary: TraceSummary;
  facets: TraceFacets;
}

const traceKey = (projectId: string, traceId: string): string => `${projectId}\u0000${traceId}`;

function newestFirst(a: TraceSummary, b: TraceSummary): number {
  return b.startMs - a.startMs || (a.traceId < b.traceId ? 1 : a.traceId > b.traceId ? -1 : 0);
}

/**
 * A TraceStore held in memory, with the same semantics as the database adapters; a supported
 * test double. Values are copied in and out, so callers cannot change what is stored.
 *
 * @example
 * const store = new MemoryTraceStore();
 * await store.writeSpans([span]);
 */
export class MemoryTraceStore implements TraceStore {
  private readonly traces = new Map<string, StoredTrace>();

  async writeSpans(spans: readonly Span[]): Promise<void> {
    const touched = new Map<string, Map<string, Span>>();
    for (const span of spans) {
      const key = traceKey(span.projectId, span.traceId);
      const existing = touched.get(key) ?? new Map(this.traces.get(key)?.spans);
      existing.set(span.spanId, structuredClone(span));
      touched.set(key, existing);
    }
    for (const [key, traceSpans] of touched) {
      const all = [...traceSpans.values()];
      this.traces.set(key, {
        spans: traceSpans,
        summary: summarizeTrace(all),
        facets: buildTraceFacets(all),
      });
    }
  }

  async listTraces(query: TraceQuery): Promise<Page<TraceSummary>> {
    const after = checkTraceQuery(query);
    const matching = [...this.traces.values()]
      .filter((t) => traceMatchesQuery(t.summary, t.facets, query))
      .map((t) => t.summary)
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
    const stored = this.traces.get(traceKey(projectId, traceId));
    if (!stored) return undefined;
    return structuredClone({
      trace: stored.summary,
      spans: orderSpanTree([...stored.spans.values()]),
    });
  }

  async getSession(projectId: string, sessionId: string): Promise<SessionDetail | undefined> {
    const traces = [...this.traces.values()]
      .filter((t) => t.summary.projectId === projectId && t.summary.sessionId === sessionId)
      .sort((a, b) => -newestFirst(a.summary, b.summary))
      .map((t) =>
        structuredClone({ trace: t.summary, spans: orderSpanTree([...t.spans.values()]) }),
      );
    return traces.length === 0 ? undefined : { sessionId, traces };
  }

  async close(): Promise<void> {}
}
