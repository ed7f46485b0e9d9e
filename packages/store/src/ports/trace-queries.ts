import type { Finding } from '@glassbox/core/classify';
import type { SpanKind, SpanStatus, TraceDetail, TraceSummary } from '@glassbox/core/model';
import type { FailureSummary, FailureSummaryQuery } from '../traces/failure-summary.js';

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
 * Reading stored traces: the list with its filters, one trace with its spans in tree order,
 * a session, a trace's findings and failure counts over time. Listed traces carry the
 * `categories` of their stored findings.
 */
export interface TraceQueries {
  listTraces(query: TraceQuery): Promise<Page<TraceSummary>>;
  getTrace(projectId: string, traceId: string): Promise<TraceDetail | undefined>;
  getSession(projectId: string, sessionId: string): Promise<SessionDetail | undefined>;
  /** A trace's stored findings in the order the classifier gave them; [] when none. */
  getFindings(projectId: string, traceId: string): Promise<Finding[]>;
  /** Traces per failure category in time buckets, by trace start time. */
  failureSummary(query: FailureSummaryQuery): Promise<FailureSummary>;
}
