import type { OtlpEncoding } from './otlp-encoding.js';
import { otlpTypes } from './otlp-proto-schema.js';

/** What was not accepted from an export request (OTLP partial_success). */
export interface PartialSuccess {
  rejected: number;
  errorMessage: string;
}

export type OtlpSignal = 'traces' | 'logs';

/**
 * An ExportTraceServiceResponse or ExportLogsServiceResponse in the request's encoding:
 * empty on full success, with `partial_success` when some items were rejected. int64
 * counts are decimal strings in JSON, as the proto3 JSON mapping prescribes.
 *
 * @example
 * encodeExportResponse('traces', 'json') // '{}'
 */
export function encodeExportResponse(
  signal: OtlpSignal,
  encoding: OtlpEncoding,
  partial?: PartialSuccess,
): Buffer | string {
  const countKey = signal === 'traces' ? 'rejectedSpans' : 'rejectedLogRecords';
  const body = partial
    ? {
        partialSuccess: {
          [countKey]: String(partial.rejected),
          errorMessage: partial.errorMessage,
        },
      }
    : {};
  if (encoding === 'json') return JSON.stringify(body);
  const type = signal === 'traces' ? otlpTypes.exportTraceResponse : otlpTypes.exportLogsResponse;
  return Buffer.from(type.encode(type.fromObject(body)).finish());
}

/**
 * A google.rpc.Status error body in the request's encoding (JSON when the encoding is not
 * known, e.g. for an unsupported Content-Type).
 *
 * @example
 * encodeRpcStatus('json', 3, 'body is not valid JSON') // '{"code":3,"message":"body is not valid JSON"}'
 */
export function encodeRpcStatus(
  encoding: OtlpEncoding,
  code: number,
  message: string,
): Buffer | string {
  if (encoding === 'json') return JSON.stringify({ code, message });
  const type = otlpTypes.rpcStatus;
  return Buffer.from(type.encode(type.fromObject({ code, message })).finish());
}
