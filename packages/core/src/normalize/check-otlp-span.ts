import type { OtlpSpan } from '../model/otlp-span.js';

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const UINT64 = /^\d{1,20}$/;
const UINT64_MAX = 18446744073709551615n;

/**
 * Why an OTLP span must be rejected (for OTLP `partial_success`), or undefined when it is fine.
 * The message names the offending field and its value.
 *
 * @example
 * checkOtlpSpan({ ...span, spanId: '0000000000000000' });
 * // => 'spanId must be 16 hex characters and not all zeros, got "0000000000000000"'
 */
export function checkOtlpSpan(raw: OtlpSpan): string | undefined {
  const traceId = idProblem('traceId', raw.traceId, TRACE_ID, 32);
  if (traceId) return traceId;
  const spanId = idProblem('spanId', raw.spanId, SPAN_ID, 16);
  if (spanId) return spanId;
  if (raw.parentSpanId !== undefined && raw.parentSpanId !== '') {
    const parent = idProblem('parentSpanId', raw.parentSpanId, SPAN_ID, 16);
    if (parent) return parent;
  }
  if (typeof raw.name !== 'string') return `name must be a string, got ${describe(raw.name)}`;
  const start = timeProblem('startTimeUnixNano', raw.startTimeUnixNano);
  if (start) return start;
  const end = timeProblem('endTimeUnixNano', raw.endTimeUnixNano);
  if (end) return end;
  if (BigInt(raw.endTimeUnixNano) < BigInt(raw.startTimeUnixNano)) {
    return `endTimeUnixNano ${raw.endTimeUnixNano} is before startTimeUnixNano ${raw.startTimeUnixNano}`;
  }
  return undefined;
}

function idProblem(field: string, value: unknown, pattern: RegExp, length: number) {
  if (typeof value !== 'string' || !pattern.test(value.toLowerCase()) || /^0+$/.test(value)) {
    return `${field} must be ${length} hex characters and not all zeros, got ${describe(value)}`;
  }
  return undefined;
}

function timeProblem(field: string, value: unknown) {
  if (typeof value !== 'string' || !UINT64.test(value) || BigInt(value) > UINT64_MAX) {
    return `${field} must be an unsigned 64-bit integer string, got ${describe(value)}`;
  }
  return undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
