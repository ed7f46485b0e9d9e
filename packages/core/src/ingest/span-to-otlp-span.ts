import type { OtlpSpan } from '../model/otlp-span.js';
import type { Span } from '../model/span.js';

const STATUS_CODES = { unset: 0, ok: 1, error: 2 } as const;

/**
 * Rebuilds the raw OTLP span from a stored span, so it can be normalized again after new
 * events arrive. The stored Span keeps everything normalization reads except the OTLP span
 * kind, trace state and links, which come back empty.
 */
export function spanToOtlpSpan(span: Span): OtlpSpan {
  const raw: OtlpSpan = {
    resource: span.resource,
    scope: span.scope,
    traceId: span.traceId,
    spanId: span.spanId,
    name: span.name,
    otelKind: 0,
    startTimeUnixNano: span.startTimeUnixNano,
    endTimeUnixNano: span.endTimeUnixNano,
    attributes: span.attributes,
    events: span.events,
    links: [],
    status: { code: STATUS_CODES[span.status] },
  };
  if (span.parentSpanId) raw.parentSpanId = span.parentSpanId;
  if (span.statusMessage) raw.status.message = span.statusMessage;
  return raw;
}
