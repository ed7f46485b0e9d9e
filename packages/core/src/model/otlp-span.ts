import type { AttributeValue, Attributes } from './attributes.js';

/**
 * One span as it arrived over OTLP, decoded but not interpreted: the neutral shape the
 * receiver hands to normalization, whatever the wire encoding was.
 * Ids are lowercase hex; times are unsigned 64-bit nanoseconds as decimal strings.
 */
export interface OtlpSpan {
  resource: Attributes;
  scope: { name: string; version?: string; attributes?: Attributes };
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  traceState?: string;
  name: string;
  /** OTLP SpanKind: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  otelKind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: Attributes;
  events: OtlpEvent[];
  links: { traceId: string; spanId: string; attributes: Attributes }[];
  /** OTLP StatusCode: 0 unset, 1 ok, 2 error. */
  status: { code: number; message?: string };
}

export interface OtlpEvent {
  name: string;
  timeUnixNano: string;
  attributes: Attributes;
}

/**
 * One OTLP log record, decoded. The official OpenAI instrumentation sends message content
 * this way (`event.name` gen_ai.user.message, gen_ai.choice, ...), tied to a span by ids.
 */
export interface OtlpLogRecord {
  resource: Attributes;
  scope: { name: string; version?: string };
  timeUnixNano: string;
  observedTimeUnixNano?: string;
  severityNumber?: number;
  severityText?: string;
  eventName?: string;
  body: AttributeValue;
  attributes: Attributes;
  traceId?: string;
  spanId?: string;
}
