import {
  findingFacets,
  spanKey,
  traceKey,
  type PendingEvents,
  type SessionSpansQuery,
  type SpanRef,
  type StoredTraceRecord,
  type SummarySpan,
  type TraceRecord,
  type TraceRef,
  type TraceWritePlan,
} from '@glassbox/core/ingest';
import type { Span } from '@glassbox/core/model';
import type { TraceWriteUnit } from '../ports/trace-writes.js';
import { copy } from './memory-rows.js';
import type { MemoryTraceTables, StoredTrace } from './memory-trace-tables.js';

/**
 * One ingest batch's reads and write against the in-memory tables. Reads return copies; a
 * write replaces whole entries and remembers what they were, so a failed transaction can put
 * them back (rollback).
 */
export class MemoryTraceWriteUnit implements TraceWriteUnit {
  private readonly undo: (() => void)[] = [];
  private readonly written = new Map<string, TraceRef>();

  constructor(private readonly tables: MemoryTraceTables) {}

  async readSpans(refs: readonly SpanRef[]): Promise<Span[]> {
    const found: Span[] = [];
    for (const ref of refs) {
      const span = this.tables.traces.get(traceKey(ref))?.spans.get(ref.spanId);
      if (span) found.push(copy(span));
    }
    return found;
  }

  async readPendingEvents(refs: readonly SpanRef[]): Promise<PendingEvents[]> {
    const found: PendingEvents[] = [];
    for (const ref of refs) {
      const entry = this.tables.pending.get(spanKey(ref));
      if (entry) found.push(copy(entry));
    }
    return found;
  }

  readTraceSpans(traces: readonly TraceRef[], detail: 'full'): Promise<Span[]>;
  readTraceSpans(traces: readonly TraceRef[], detail: 'summary'): Promise<SummarySpan[]>;
  async readTraceSpans(traces: readonly TraceRef[]): Promise<Span[]> {
    return traces.flatMap((ref) =>
      [...(this.tables.traces.get(traceKey(ref))?.spans.values() ?? [])].map(copy),
    );
  }

  async readSessionSpans(queries: readonly SessionSpansQuery[]): Promise<Span[][]> {
    const bySession = new Map<string, number[]>();
    queries.forEach((q, i) => {
      const key = `${q.projectId}\u0000${q.sessionId}`;
      bySession.set(key, [...(bySession.get(key) ?? []), i]);
    });
    const candidates: StoredTrace[][] = queries.map(() => []);
    // One pass over the traces for the whole batch.
    for (const trace of this.tables.traces.values()) {
      const { projectId, sessionId } = trace.summary;
      for (const i of bySession.get(`${projectId}\u0000${sessionId}`) ?? []) {
        candidates[i]!.push(trace);
      }
    }
    return queries.map((query, i) => {
      const excluded = new Set(query.excludeTraceIds);
      const withKinds = (t: StoredTrace) =>
        [...t.spans.values()].filter((s) => query.kinds.includes(s.kind));
      return candidates[i]!.filter(
        (t) => !excluded.has(t.summary.traceId) && withKinds(t).length > 0,
      )
        .sort((a, b) => b.summary.startMs - a.summary.startMs)
        .slice(0, query.limit)
        .flatMap(withKinds)
        .sort((a, b) => b.startMs - a.startMs)
        .slice(0, query.limit)
        .map(copy);
    });
  }

  async readTraceRecords(traces: readonly TraceRef[]): Promise<StoredTraceRecord[]> {
    return traces.flatMap((ref) => {
      const stored = this.tables.traces.get(traceKey(ref));
      return stored ? [copy({ summary: stored.summary, facets: stored.facets })] : [];
    });
  }

  async writeTraceRecords(
    records: readonly TraceRecord[],
    options: { keepQueued?: boolean } = {},
  ): Promise<void> {
    for (const record of records) {
      const key = traceKey(record.summary);
      const before = this.tables.traces.get(key);
      if (!before) continue;
      // As SQL's triggers do, a trace that changed since it was read is queued again.
      const { projectId, traceId } = record.summary;
      if (options.keepQueued) this.written.set(key, { projectId, traceId });
      const findings = record.findings ? copy(record.findings) : before.findings;
      this.replace(this.tables.traces, key, {
        spans: before.spans,
        summary: record.summary,
        facets: { ...record.facets, ...findingFacets(findings) },
        findings,
      } satisfies StoredTrace);
    }
  }

  async write(plan: TraceWritePlan): Promise<void> {
    const { pending, traces } = this.tables;
    for (const ref of plan.consumed) this.replace(pending, spanKey(ref), undefined);
    for (const entry of plan.pending) {
      const key = spanKey(entry);
      // A renewed entry moves to the end, keeping the map in receivedAtMs order for the sweep.
      if (pending.get(key)?.receivedAtMs !== entry.receivedAtMs)
        this.replace(pending, key, undefined);
      this.replace(pending, key, copy(entry));
    }
    const spans = new Map<string, Map<string, Span>>();
    for (const span of plan.spans) {
      const key = traceKey(span);
      let traceSpans = spans.get(key);
      if (!traceSpans) {
        traceSpans = new Map(traces.get(key)?.spans);
        spans.set(key, traceSpans);
      }
      traceSpans.set(span.spanId, copy(span));
    }
    for (const record of plan.traces) {
      const key = traceKey(record.summary);
      const before = traces.get(key);
      const findings = record.findings ? copy(record.findings) : (before?.findings ?? []);
      this.replace(traces, key, {
        spans: spans.get(key) ?? new Map(before?.spans),
        summary: record.summary,
        facets: { ...record.facets, ...findingFacets(findings) },
        findings,
      } satisfies StoredTrace);
      this.written.set(key, {
        projectId: record.summary.projectId,
        traceId: record.summary.traceId,
      });
    }
  }

  /** The traces this unit wrote, for the changed-trace queue once it commits. */
  writtenTraces(): TraceRef[] {
    return [...this.written.values()];
  }

  /** Puts back every entry this unit replaced, newest first. */
  rollback(): void {
    for (const restore of this.undo.reverse()) restore();
    this.undo.length = 0;
    this.written.clear();
  }

  /** Sets (or deletes, for undefined) one entry, remembering how to put the old one back. */
  private replace<V>(map: Map<string, V>, key: string, value: V | undefined): void {
    const had = map.has(key);
    const before = map.get(key);
    this.undo.push(() => (had ? map.set(key, before as V) : map.delete(key)));
    if (value === undefined) map.delete(key);
    else map.set(key, value);
  }
}
