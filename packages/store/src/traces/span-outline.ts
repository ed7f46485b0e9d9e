import type { Span, SpanOutline } from '@glassbox/core/model';

/** The outline of a span: what a waterfall row shows. */
export function spanOutline(span: Span): SpanOutline {
  const outline: SpanOutline = {
    spanId: span.spanId,
    name: span.name,
    kind: span.kind,
    startMs: span.startMs,
    durationMs: span.durationMs,
    status: span.status,
  };
  if (span.parentSpanId !== undefined) outline.parentSpanId = span.parentSpanId;
  if (span.timeToFirstTokenMs !== undefined) outline.timeToFirstTokenMs = span.timeToFirstTokenMs;
  return outline;
}
