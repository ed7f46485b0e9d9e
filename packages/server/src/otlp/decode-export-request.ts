import type { Type } from 'protobufjs';
import { OtlpDecodeError } from './otlp-decode-error.js';
import type { OtlpEncoding } from './otlp-encoding.js';
import type { WireMessage } from './wire-fields.js';

function decodeProtobuf(type: Type, body: Buffer): WireMessage {
  let message;
  try {
    message = type.decode(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new OtlpDecodeError(`body is not a valid protobuf ${type.name}: ${reason}`);
  }
  return type.toObject(message, { longs: String, enums: Number, defaults: false }) as WireMessage;
}

function decodeJson(type: Type, body: Buffer): WireMessage {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new OtlpDecodeError(`body is not valid JSON: ${reason}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new OtlpDecodeError(`body must be a JSON object (an OTLP ${type.name})`);
  }
  return parsed as WireMessage;
}

/**
 * Decodes an export request body into a plain message in the shape OTLP/JSON uses, so one
 * reader serves both encodings: protobuf bytes fields stay Uint8Array (ids become hex
 * later), 64-bit integers become decimal strings, enums numbers.
 *
 * @example
 * decodeExportRequest(otlpTypes.exportTraceRequest, 'json', Buffer.from('{}')) // {}
 */
export function decodeExportRequest(type: Type, encoding: OtlpEncoding, body: Buffer): WireMessage {
  return encoding === 'protobuf' ? decodeProtobuf(type, body) : decodeJson(type, body);
}
