import type { Finding } from '@glassbox/core/classify';
import type { Span, TraceDetail, TraceSummary } from '@glassbox/core/model';
import {
  bucketStart,
  buildFailureSummary,
  checkFailureSummaryQuery,
  type FailureSummary,
  type FailureSummaryQuery,
} from '../failure-summary.js';
import { findingFacets, type FindingFacets } from '../finding-facets.js';
import { orderSpanTree } from '../span-tree-order.js';
import {
  groupSpanEvents,
  PENDING_SWEEP_LIMIT,
  planSpanEvents,
  spanEventSettings,
  spanKey,
  type PendingEvents,
} from '../sql/span-events-plan.js';
import type { TraceClassifier } from '../trace-classifier.js';
import { buildTraceFacets, type TraceFacets } from '../trace-facets.js';
import { encodeTraceCursor } from '../trace-cursor.js';
import { traceMatchesQuery } from '../trace-matches-query.js';
import { checkTraceQuery } from '../trace-query-check.js';
import type {
  Page,
  SessionDetail,
  SpanWriteOptions,
  TraceQuery,
  TraceStore,
} from '../trace-store.js';
import { summarizeTrace } from '../trace-summary.js';

interface StoredTrace {
  spans: Map<string, Span>;
  summary: TraceSummary;
  facets: TraceFacets & FindingFacets;
  findings: Finding[];
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
  /** Events waiting for their span, by spanKey, oldest first. */
  private readonly pending = new Map<string, PendingEvents>();

  async writeSpans(spans: readonly Span[], options: SpanWriteOptions = {}): Promise<void> {
    const settings = spanEventSettings(options);
    this.sweep(settings.cutoffMs);
    const written = new Map<string, Span>();
    for (const span of spans) written.set(spanKey(span.projectId, span.traceId, span.spanId), span);
    const incoming = groupSpanEvents(settings.events);
    const stored = new Map<string, Span>();
    for (const [key, { projectId, traceId, spanId }] of incoming) {
      const span = this.traces.get(traceKey(projectId, traceId))?.spans.get(spanId);
      if (!written.has(key) && span) stored.set(key, structuredClone(span));
    }
    const plan = planSpanEvents({
      written,
      incoming,
      stored,
      waiting: this.pending,
      attach: settings.attach,
      nowMs: settings.nowMs,
      cutoffMs: settings.cutoffMs,
    });
    for (const key of plan.consumed) this.pending.delete(key);
    for (const entry of plan.pending) {
      const key = spanKey(entry.projectId, entry.traceId, entry.spanId);
      // A renewed entry moves to the end, keeping the map in receivedAtMs order for sweep.
      if (this.pending.get(key)?.receivedAtMs !== entry.receivedAtMs) this.pending.delete(key);
      this.pending.set(key, structuredClone(entry));
    }
    this.storeSpans([...plan.spans.values()], options);
  }

  /** Drops pending events received before `cutoffMs`, a bounded number per write. */
  private sweep(cutoffMs: number): void {
    let dropped = 0;
    for (const [key, entry] of this.pending) {
      if (entry.receivedAtMs >= cutoffMs || dropped >= PENDING_SWEEP_LIMIT) break;
      this.pending.delete(key);
      dropped++;
    }
  }

  private storeSpans(spans: readonly Span[], options: SpanWriteOptions): void {
    const touched = new Map<string, Map<string, Span>>();
    for (const span of spans) {
      const key = traceKey(span.projectId, span.traceId);
      const existing = touched.get(key) ?? new Map(this.traces.get(key)?.spans);
      existing.set(span.spanId, structuredClone(span));
      touched.set(key, existing);
    }
    const written: StoredTrace[] = [];
    for (const [key, traceSpans] of touched) {
      const all = [...traceSpans.values()];
      const findings = this.traces.get(key)?.findings ?? [];
      const stored: StoredTrace = {
        spans: traceSpans,
        summary: summarizeTrace(all),
        facets: { ...buildTraceFacets(all), ...findingFacets(findings) },
        findings,
      };
      this.traces.set(key, stored);
      written.push(stored);
    }
    const { classifier } = options;
    if (!classifier) return;
    for (const stored of written) {
      const findings = structuredClone(
        classifier.classify({
          projectId: stored.summary.projectId,
          traceId: stored.summary.traceId,
          spans: orderSpanTree([...stored.spans.values()]),
          sessionSpans: this.sessionSpans(stored.summary, classifier),
        }),
      );
      stored.findings = findings;
      stored.facets = { ...stored.facets, ...findingFacets(findings) };
    }
  }

  private sessionSpans(summary: TraceSummary, classifier: TraceClassifier): Span[] {
    const { session } = classifier;
    if (!session || summary.sessionId === undefined) return [];
    return [...this.traces.values()]
      .filter(
        (t) =>
          t.summary.projectId === summary.projectId &&
          t.summary.sessionId === summary.sessionId &&
          t.summary.traceId !== summary.traceId,
      )
      .flatMap((t) => [...t.spans.values()])
      .filter((s) => session.kinds.includes(s.kind))
      .sort((a, b) => b.startMs - a.startMs)
      .slice(0, session.limit)
      .map((s) => structuredClone(s));
  }

  private withCategories(stored: StoredTrace): TraceSummary {
    return { ...stored.summary, categories: [...stored.facets.categories] };
  }

  async listTraces(query: TraceQuery): Promise<Page<TraceSummary>> {
    const after = checkTraceQuery(query);
    const matching = [...this.traces.values()]
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
    const stored = this.traces.get(traceKey(projectId, traceId));
    if (!stored) return undefined;
    return structuredClone({
      trace: this.withCategories(stored),
      spans: orderSpanTree([...stored.spans.values()]),
    });
  }

  async getSession(projectId: string, sessionId: string): Promise<SessionDetail | undefined> {
    const traces = [...this.traces.values()]
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

  async getFindings(projectId: string, traceId: string): Promise<Finding[]> {
    return structuredClone(this.traces.get(traceKey(projectId, traceId))?.findings ?? []);
  }

  async failureSummary(query: FailureSummaryQuery): Promise<FailureSummary> {
    const rows: { startMs: number; category: string; traces: number }[] = [];
    checkFailureSummaryQuery(query);
    for (const t of this.traces.values()) {
      const { projectId, startMs } = t.summary;
      if (projectId !== query.projectId || startMs < query.from || startMs >= query.to) continue;
      const bucket = bucketStart(startMs, query.bucketMs);
      for (const category of t.facets.categories)
        rows.push({ startMs: bucket, category, traces: 1 });
    }
    return buildFailureSummary(query, rows);
  }

  async close(): Promise<void> {}
}
