import type { OtlpSpan, Span } from '@glassbox/core/model';
import { capSpanAttributeValues, checkOtlpSpan, normalizeSpan } from '@glassbox/core/normalize';
import { decodeExportRequest } from '../../otlp/decode-export-request.js';
import { decodeTraceProtobuf } from '../../otlp/decode-trace-protobuf.js';
import type { OtlpEncoding } from '../../otlp/otlp-encoding.js';
import { otlpTypes } from '../../otlp/otlp-proto-schema.js';
import { toOtlpSpans } from '../../otlp/to-otlp-spans.js';
import type { Rejection, Truncation } from './ingest-result.js';

/** The spans of one request, normalized and ready to write, and what was refused or cut. */
export interface PreparedSpans {
  spans: Span[];
  rejected: Rejection[];
  truncated: Truncation[];
}

function normalizeOrReason(raw: OtlpSpan, projectId: string): Span | string {
  const problem = checkOtlpSpan(raw);
  if (problem) return problem;
  try {
    return normalizeSpan(raw, { projectId });
  } catch (error) {
    return `could not be normalized: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Checks, caps and normalizes raw OTLP spans: valid ones become Spans, the others rejections
 * with their reason. Pure CPU work, so it runs on an ingest worker thread as well as inline.
 *
 * @example
 * const { spans, rejected } = prepareSpans('default', otlpSpans, 1024 * 1024);
 */
export function prepareSpans(
  projectId: string,
  raws: readonly OtlpSpan[],
  maxAttributeBytes: number,
): PreparedSpans {
  const spans: Span[] = [];
  const rejected: Rejection[] = [];
  const truncated: Truncation[] = [];
  for (const raw of raws) {
    const capped = capSpanAttributeValues(raw, maxAttributeBytes);
    const result = normalizeOrReason(capped.span, projectId);
    if (typeof result === 'string') {
      rejected.push({ id: raw.spanId, reason: result });
      continue;
    }
    spans.push(result);
    for (const cut of capped.truncated) truncated.push({ id: raw.spanId, ...cut });
  }
  return { spans, rejected, truncated };
}

/**
 * Decodes an OTLP trace export body (protobuf or JSON) and prepares its spans. Throws
 * OtlpDecodeError when the body is not an export request.
 *
 * @example
 * const prepared = prepareTraceBody('default', 'protobuf', body, 1024 * 1024);
 */
export function prepareTraceBody(
  projectId: string,
  encoding: OtlpEncoding,
  body: Buffer,
  maxAttributeBytes: number,
): PreparedSpans {
  const raws =
    encoding === 'protobuf'
      ? decodeTraceProtobuf(body)
      : toOtlpSpans(decodeExportRequest(otlpTypes.exportTraceRequest, encoding, body));
  return prepareSpans(projectId, raws, maxAttributeBytes);
}
