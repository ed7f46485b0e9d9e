import type { OtlpSpan } from '../model/otlp-span.js';

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ALL_ZEROS = /^0+$/;
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
  if (!isOtlpTraceId(raw.traceId)) return idProblem('traceId', raw.traceId, 32);
  if (!isOtlpSpanId(raw.spanId)) return idProblem('spanId', raw.spanId, 16);
  if (
    raw.parentSpanId !== undefined &&
    raw.parentSpanId !== '' &&
    !isOtlpSpanId(raw.parentSpanId)
  ) {
    return idProblem('parentSpanId', raw.parentSpanId, 16);
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

/**
 * Whether `value` is a valid OTLP trace id: 32 hex characters in either case, not all zeros.
 * Normalization lowercases the ids it accepts.
 *
 * @example
 * isOtlpTraceId('0AF7651916CD43DD8448EB211C80319C'); // true
 */
export function isOtlpTraceId(value: unknown): value is string {
  return isId(value, TRACE_ID);
}

/** Whether `value` is a valid OTLP span id: 16 hex characters in either case, not all zeros. */
export function isOtlpSpanId(value: unknown): value is string {
  return isId(value, SPAN_ID);
}

function isId(value: unknown, pattern: RegExp): value is string {
  return typeof value === 'string' && pattern.test(value.toLowerCase()) && !ALL_ZEROS.test(value);
}

function idProblem(field: string, value: unknown, length: number): string {
  return `${field} must be ${length} hex characters and not all zeros, got ${describe(value)}`;
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
