// The server's own OTLP decoding, so the raw limit decodes exactly as the receiver does.
// These modules are internal to @glassbox/server; they are loaded from its build.
import { decodeExportRequest } from '../../packages/server/dist/otlp/decode-export-request.js';
import { otlpTypes } from '../../packages/server/dist/otlp/otlp-proto-schema.js';
import { toOtlpSpans } from '../../packages/server/dist/otlp/to-otlp-spans.js';

/** Protobuf ExportTraceServiceRequest bytes -> the receiver's OtlpSpan list. */
export function decodeOtlpTraceProtobuf(body) {
  return toOtlpSpans(decodeExportRequest(otlpTypes.exportTraceRequest, 'protobuf', body));
}
