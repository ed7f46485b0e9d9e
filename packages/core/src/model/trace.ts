import type { SpanStatus, TokenUsage } from './span.js';
import type { Span } from './span.js';

/** A trace as listed: one row per trace, its totals kept right as spans arrive. */
export interface TraceSummary {
  projectId: string;
  traceId: string;
  rootSpanId?: string;
  rootName?: string;
  startMs: number;
  endMs: number;
  durationMs: number;
  status: SpanStatus;
  sessionId?: string;
  userId?: string;
  tags: string[];
  models: string[];
  /** Root span input and output, for tables and search results. */
  input?: string;
  output?: string;
  usage: Required<TokenUsage>;
  costUsd: number;
  spanCount: number;
  errorCount: number;
  versions: Record<string, string>;
  /** Failure categories found in the trace (sorted, distinct); set by stores that classify. */
  categories?: string[];
}

/** What a waterfall row shows of a span; the rest is read per span on demand. */
export type SpanOutline = Pick<
  Span,
  | 'spanId'
  | 'parentSpanId'
  | 'name'
  | 'kind'
  | 'startMs'
  | 'durationMs'
  | 'status'
  | 'timeToFirstTokenMs'
>;

/** A trace with the outline of every span, in tree order: small even for 10,000 spans. */
export interface TraceOutline {
  trace: TraceSummary;
  spans: SpanOutline[];
}

/** A trace with every span, in tree order (parents before children, siblings by start). */
export interface TraceDetail {
  trace: TraceSummary;
  spans: Span[];
}

/**
 * A trace reduced to what aggregates over a window count (scope, samples): no texts, usage
 * or spans, so many thousands can be read at once.
 */
export interface TraceRow {
  traceId: string;
  startMs: number;
  sessionId?: string;
  rootName?: string;
  models: string[];
  /** Failure categories of its stored findings. */
  categories: string[];
  versions: Record<string, string>;
  status: SpanStatus;
}
