// The server's own OTLP decoding, so the raw limit decodes exactly as the receiver does.
// This module is internal to @glassbox/server; it is loaded from its build.
import { decodeTraceProtobuf } from '../../packages/server/dist/otlp/decode-trace-protobuf.js';

/** Protobuf ExportTraceServiceRequest bytes -> the receiver's OtlpSpan list. */
export function decodeOtlpTraceProtobuf(body) {
  return decodeTraceProtobuf(body);
}
