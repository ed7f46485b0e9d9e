import type { Finding } from '@glassbox/core/classify';
import type {
  Span,
  SpanKind,
  SpanStatus,
  TextScope,
  TraceDetail,
  TraceOutline,
  TraceOutcome,
  TraceRow,
  TraceSummary,
} from '@glassbox/core/model';
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
  /** Derived outcome: error (a span errored), failed (findings, no error) or ok. */
  outcome?: TraceOutcome;
  /** Root span name, exact. */
  name?: string;
  /** Case-insensitive substring, searched in the text `textScope` names. */
  text?: string;
  /** Where `text` is searched; `all` (every span's text) when absent. */
  textScope?: TextScope;
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

/** Which sessions to list: newest last-seen first, paginated like traces. */
export interface SessionQuery {
  projectId: string;
  limit: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
}

/** One session as listed: its turns (traces) and what they amount to. */
export interface SessionSummary {
  sessionId: string;
  /** Traces of the session. */
  turns: number;
  /** Turns with at least one finding. */
  failedTurns: number;
  /** Turns where a span reported an error. */
  errorTurns: number;
  costUsd: number;
  firstSeenMs: number;
  /** Start of the newest turn. */
  lastSeenMs: number;
}

/** The start times of a project's oldest and newest traces. */
export interface TraceExtent {
  firstMs: number;
  lastMs: number;
}

/** A time window of one project's traces, read as lean rows (see `traceRows`). */
export interface TraceRowQuery {
  projectId: string;
  /** Start times from `from` to `to` inclusive, epoch milliseconds. */
  from: number;
  to: number;
  /** Rows returned at most (the oldest ones); ask for one more to learn a window holds more. */
  limit: number;
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
  /** A trace's summary and the outline of each span (tree order), without span bodies. */
  getTraceOutline(projectId: string, traceId: string): Promise<TraceOutline | undefined>;
  /** One stored span, whole; undefined when the trace has no such span. */
  getSpan(projectId: string, traceId: string, spanId: string): Promise<Span | undefined>;
  getSession(projectId: string, sessionId: string): Promise<SessionDetail | undefined>;
  /** Sessions, newest last-seen first (ties by id, descending). */
  listSessions(query: SessionQuery): Promise<Page<SessionSummary>>;
  /** When the project's traces start and end; undefined when it has none. */
  traceExtent(projectId: string): Promise<TraceExtent | undefined>;
  /**
   * The window's traces as lean rows, oldest first (ties by id), in one read: for aggregates
   * over many traces (a postmortem's scope and samples) where `listTraces` pages carry texts.
   * Rows of one read may share their `models`, `categories` and `versions` values: read-only.
   */
  traceRows(query: TraceRowQuery): Promise<TraceRow[]>;
  /** A trace's stored findings in the order the classifier gave them; [] when none. */
  getFindings(projectId: string, traceId: string): Promise<Finding[]>;
  /** Traces per failure category in time buckets, by trace start time. */
  failureSummary(query: FailureSummaryQuery): Promise<FailureSummary>;
}
