import type { Span, SpanKind, SpanStatus, TraceDetail, TraceSummary } from '@glassbox/core';

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
 * retried export never double-counts a trace's totals.
 */
export interface TraceStore {
  writeSpans(spans: readonly Span[]): Promise<void>;
  listTraces(query: TraceQuery): Promise<Page<TraceSummary>>;
  getTrace(projectId: string, traceId: string): Promise<TraceDetail | undefined>;
  getSession(projectId: string, sessionId: string): Promise<SessionDetail | undefined>;
  close(): Promise<void>;
}
