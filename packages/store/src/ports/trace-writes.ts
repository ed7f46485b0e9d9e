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

/**
 * The reads and the write of one ingest batch, inside one transaction (see TraceWrites). The
 * reads return copies: nothing the caller does to them changes what is stored.
 */
export interface TraceWriteUnit {
  /** The stored spans among `refs`, whole. */
  readSpans(refs: readonly SpanRef[]): Promise<Span[]>;
  /** The pending span events kept for `refs`, expired ones included. */
  readPendingEvents(refs: readonly SpanRef[]): Promise<PendingEvents[]>;
  /** Every stored span of these traces, whole or with only the fields a summary needs. */
  readTraceSpans(traces: readonly TraceRef[], detail: 'full'): Promise<Span[]>;
  readTraceSpans(traces: readonly TraceRef[], detail: 'summary'): Promise<SummarySpan[]>;
  /**
   * For each query, in one read for the whole batch: spans of `query.kinds` from the newest
   * `query.limit` traces of the session (by stored summary) that hold spans of those kinds,
   * other than `query.excludeTraceIds`; the newest `query.limit` of them, newest first.
   * Answer `i` is for `queries[i]`. Traces without such spans are never read, so a session
   * of plain chat calls costs nothing however long it grows.
   */
  readSessionSpans(queries: readonly SessionSpansQuery[]): Promise<Span[][]>;
  /** The stored summary and facets of those of `traces` that are stored, in any order. */
  readTraceRecords(traces: readonly TraceRef[]): Promise<StoredTraceRecord[]>;
  /**
   * Replaces the summary, facets and findings of stored traces without marking them changed
   * for detection (the detection job writes these itself, after reading the traces); with
   * `keepQueued`, traces queued for detection stay queued (they changed since being read).
   */
  writeTraceRecords(
    records: readonly TraceRecord[],
    options?: { keepQueued?: boolean },
  ): Promise<void>;
  /**
   * Writes the plan: spans inserted or replaced, each trace's summary, facets and search text
   * replaced, its findings replaced when the record has them (kept when it has none), pending
   * entries deleted and written.
   */
  write(plan: TraceWritePlan): Promise<void>;
}

/**
 * The write side of traces, a unit of work: an ingest batch reads what it touches and writes
 * rows in one transaction that holds the write lock of every trace it may touch, so
 * concurrent writers of a trace (other requests, other replicas over one database) go one
 * after the other and none reads a trace half written. Nothing else: what to read and what
 * to write is decided by `@glassbox/core/ingest` (see traces/span-writer.ts).
 *
 * @example
 * await writes.transaction([{ projectId, traceId }], async (unit) => {
 *   const stored = await unit.readTraceSpans([{ projectId, traceId }], 'full');
 *   await unit.write(plan);
 * });
 */
export interface TraceWrites {
  /** Runs `work` in one transaction holding the locks of `traces`; commits when it resolves. */
  transaction<T>(
    traces: readonly TraceRef[],
    work: (unit: TraceWriteUnit) => Promise<T>,
  ): Promise<T>;
  /**
   * Deletes up to `limit` pending entries received before `cutoffMs`, oldest first, outside
   * any write's transaction and without waiting for one; returns how many it deleted.
   */
  sweepPendingEvents(cutoffMs: number, limit: number): Promise<number>;
  /**
   * Puts up to `limit` traces written since into the search index, where the backend fills
   * it in the background (SQLite); returns how many it indexed, 0 when none wait or the
   * backend indexes inside the write. Search finds written traces either way.
   */
  indexQueuedSearchText(limit: number): Promise<number>;
}
