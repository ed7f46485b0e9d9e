import type { OtlpEvent, OtlpLogRecord } from '../model/otlp-span.js';
import { isOtlpSpanId, isOtlpTraceId } from '../normalize/check-otlp-span.js';

/** A log record that belongs on a span as an event. */
export interface SpanEventRecord {
  traceId: string;
  spanId: string;
  event: OtlpEvent;
}

/** The record's event name: the LogRecord `event_name` field, else the `event.name` attribute. */
export function eventNameOf(record: OtlpLogRecord): string | undefined {
  if (record.eventName) return record.eventName;
  const attribute = record.attributes['event.name'];
  return typeof attribute === 'string' && attribute !== '' ? attribute : undefined;
}

/**
 * Turns a GenAI event log record (`event.name` gen_ai.*, with trace and span ids) into the
 * span event it stands for, with the body kept as the `event.body` attribute; returns a
 * string saying why for any other record. Ids pass the same check as a span's and are
 * lowercased as normalization lowercases a span's, so the event finds its span.
 *
 * @example
 * logRecordToSpanEvent(record).event.name // 'gen_ai.user.message'
 */
export function logRecordToSpanEvent(record: OtlpLogRecord): SpanEventRecord | string {
  const name = eventNameOf(record);
  if (!name?.startsWith('gen_ai.')) {
    return `event name ${JSON.stringify(name ?? '')} is not a gen_ai.* event (only GenAI events are stored)`;
  }
  if (!isOtlpTraceId(record.traceId)) {
    return `${name} has no valid traceId (got ${JSON.stringify(record.traceId ?? '')})`;
  }
  if (!isOtlpSpanId(record.spanId)) {
    return `${name} has no valid spanId (got ${JSON.stringify(record.spanId ?? '')})`;
  }
  const time =
    record.timeUnixNano !== '0' ? record.timeUnixNano : (record.observedTimeUnixNano ?? '0');
  return {
    traceId: record.traceId.toLowerCase(),
    spanId: record.spanId.toLowerCase(),
    event: {
      name,
      timeUnixNano: time,
      attributes: { ...record.attributes, 'event.body': record.body },
    },
  };
}
