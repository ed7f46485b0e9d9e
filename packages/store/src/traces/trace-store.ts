import type { TraceClassifier, TraceRef } from '@glassbox/core/ingest';
import type { Span } from '@glassbox/core/model';
import type { TraceQueries } from '../ports/trace-queries.js';
import type { TraceWrites } from '../ports/trace-writes.js';
import type { SpanWriteOptions } from './span-write-options.js';
import { SpanWriter } from './span-writer.js';

/**
 * Where traces live, as the server sees them: the queries, and `writeSpans`, which runs the
 * ingest workflow (SpanWriter) in one unit of work. `writeSpans` is idempotent on (project,
 * trace, span), so a retried export never double-counts a trace's totals. Given a classifier,
 * the same write replaces the findings of every trace it touches. Span events from logs go
 * through the same write (see SpanWriteOptions): a log acknowledged before its span is
 * committed as pending events, which the write that later stores the span attaches,
 * whichever replica or process runs it.
 */
export interface TraceStore extends TraceQueries {
  writeSpans(spans: readonly Span[], options?: SpanWriteOptions): Promise<void>;
  /**
   * Classifies stored traces whole: findings replaced, summary and facets recomputed from all
   * spans, without queuing them for detection again. Traces not stored are skipped.
   */
  classifyTraces(traces: readonly TraceRef[], classifier: TraceClassifier): Promise<void>;
  /**
   * Indexes up to `limit` written traces for search where the backend does that in the
   * background (see TraceWrites.indexQueuedSearchText); returns how many.
   */
  indexQueuedSearchText(limit: number): Promise<number>;
  /** The write side's unit of work that `writeSpans` runs in. */
  readonly writes: TraceWrites;
}

/**
 * The TraceStore of one backend, from its two trace ports.
 *
 * @example
 * const traces = traceStore(new SqlTraceQueries(db, traits), new SqlTraceWrites(db, traits));
 * await traces.writeSpans(spans);
 */
export function traceStore(queries: TraceQueries, writes: TraceWrites): TraceStore {
  const writer = new SpanWriter(writes);
  return {
    writeSpans: (spans, options) => writer.write(spans, options),
    classifyTraces: (traces, classifier) =>
      writer.classifyTraces(traces, classifier, (ref) =>
        queries.getTrace(ref.projectId, ref.traceId),
      ),
    indexQueuedSearchText: (limit) => writes.indexQueuedSearchText(limit),
    writes,
    listTraces: (query) => queries.listTraces(query),
    getTrace: (projectId, traceId) => queries.getTrace(projectId, traceId),
    getTraceOutline: (projectId, traceId) => queries.getTraceOutline(projectId, traceId),
    getSpan: (projectId, traceId, spanId) => queries.getSpan(projectId, traceId, spanId),
    getSession: (projectId, sessionId) => queries.getSession(projectId, sessionId),
    listSessions: (query) => queries.listSessions(query),
    traceExtent: (projectId) => queries.traceExtent(projectId),
    traceRows: (query) => queries.traceRows(query),
    getFindings: (projectId, traceId) => queries.getFindings(projectId, traceId),
    failureSummary: (query) => queries.failureSummary(query),
  };
}
