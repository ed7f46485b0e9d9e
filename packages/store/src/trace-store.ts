import type { Finding } from '@glassbox/core/classify';
import type {
  OtlpEvent,
  Span,
  SpanKind,
  SpanStatus,
  TraceDetail,
  TraceSummary,
} from '@glassbox/core/model';
import type { FailureSummary, FailureSummaryQuery } from './failure-summary.js';
import type { WriteOptions } from './trace-classifier.js';

/** GenAI events (from log records) for one span, which may be stored before or after them. */
export interface SpanEvents {
  projectId: string;
  traceId: string;
  spanId: string;
  events: OtlpEvent[];
}

/**
 * Puts events on a span: the span normalized again with `events` added after its own, or
 * undefined when none of them was new (a retried export). Synchronous and pure: it runs while
 * the write holds its transaction.
 */
export type SpanEventAttacher = (span: Span, events: readonly OtlpEvent[]) => Span | undefined;

/** How long pending span events wait for their span by default: 1 hour. */
export const DEFAULT_PENDING_EVENT_RETENTION_MS = 60 * 60_000;

export interface SpanWriteOptions extends WriteOptions {
  /**
   * Events for spans, committed with the write: put on their span at once when it is in this
   * write or already stored, else kept pending (durably) until a later write brings the span.
   * Requires `attachEvents`.
   */
  events?: readonly SpanEvents[];
  /**
   * Given, every span the write stores takes the pending events kept for it (which are then
   * deleted). Without it, written spans leave their pending events waiting.
   */
  attachEvents?: SpanEventAttacher;
  /** Pending events older than this are dropped: their span never came. Default 1 hour. */
  pendingRetentionMs?: number;
  /** The write's clock in epoch milliseconds, stamped on pending events. Default Date.now(). */
  nowMs?: number;
}

/** Filters for the trace list. Times are epoch milliseconds; every query is project-scoped. */
export interface TraceQuery {
  projectId: string;
  from?: number;
  to?: number;
  sessionId?: string;
  userId?: string;
  /** Matches the requested or the returned model of any span in the trace. */
  model?: string;
  provider?: string;
  /** Traces holding at least one span of this kind. */
  kind?: SpanKind;
  status?: SpanStatus;
  /** Root span name, exact. */
  name?: string;
  /** Case-insensitive substring over span input and output text. */
  text?: string;
  /** Traces carrying every one of these tags. */
  tags?: string[];
  /** Traces whose version snapshot has these key/value pairs. */
  versions?: Record<string, string>;
  /** Traces with at least one finding of this failure category. */
  category?: string;
  /** Traces with at least one finding in this layer. */
  layer?: string;
  limit: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface SessionDetail {
  sessionId: string;
  traces: TraceDetail[];
}

/**
 * Where traces live. Adapters: SQLite (embedded default) and PostgreSQL; an in-memory one
 * for tests. `writeSpans` is one transaction and idempotent on (project, trace, span), so a
 * retried export never double-counts a trace's totals. Given a classifier, the same write
 * replaces the findings of every trace it touches (see TraceClassifier); listed traces then
 * carry their `categories`. Span events from logs go through the same write (see
 * SpanWriteOptions): a log acknowledged before its span is committed as pending events, which
 * the write that later stores the span attaches, whichever replica or process runs it.
 */
export interface TraceStore {
  writeSpans(spans: readonly Span[], options?: SpanWriteOptions): Promise<void>;
  listTraces(query: TraceQuery): Promise<Page<TraceSummary>>;
  getTrace(projectId: string, traceId: string): Promise<TraceDetail | undefined>;
  getSession(projectId: string, sessionId: string): Promise<SessionDetail | undefined>;
  /** A trace's stored findings in the order the classifier gave them; [] when none. */
  getFindings(projectId: string, traceId: string): Promise<Finding[]>;
  /** Traces per failure category in time buckets, by trace start time. */
  failureSummary(query: FailureSummaryQuery): Promise<FailureSummary>;
  close(): Promise<void>;
}
