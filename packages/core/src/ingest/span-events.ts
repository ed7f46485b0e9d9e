import type { OtlpEvent } from '../model/otlp-span.js';

/** One trace of one project. */
export interface TraceRef {
  projectId: string;
  traceId: string;
}

/** One span of one project. */
export interface SpanRef extends TraceRef {
  spanId: string;
}

/** GenAI events (from log records) for one span, which may be stored before or after them. */
export interface SpanEvents extends SpanRef {
  events: OtlpEvent[];
}

/** Span events kept until their span is written. */
export interface PendingEvents extends SpanEvents {
  /** When the first of them was committed, epoch ms; they expire from then. */
  receivedAtMs: number;
}

/** How long pending span events wait for their span by default: 1 hour. */
export const DEFAULT_PENDING_EVENT_RETENTION_MS = 60 * 60_000;

/**
 * Identifies one span across projects, as a map key.
 *
 * @example
 * spanKey({ projectId: 'default', traceId, spanId }); // 'default\u0000<traceId>\u0000<spanId>'
 */
export function spanKey(ref: SpanRef): string {
  return `${ref.projectId}\u0000${ref.traceId}\u0000${ref.spanId}`;
}

/** Identifies one trace across projects, as a map key. */
export function traceKey(ref: TraceRef): string {
  return `${ref.projectId}\u0000${ref.traceId}`;
}
