import { OtlpDecodeError } from './otlp-decode-error.js';

/** A decoded message: protobufjs output or parsed OTLP/JSON, keys in either naming style. */
export type WireMessage = Record<string, unknown>;

function snakeCase(camel: string): string {
  return camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * Reads a field by its lowerCamelCase name, falling back to the snake_case original, as the
 * proto3 JSON mapping requires receivers to accept both.
 */
export function field(message: WireMessage, camelName: string): unknown {
  const value = message[camelName];
  return value === undefined ? message[snakeCase(camelName)] : value;
}

/** A nested message, or undefined when absent; `path` names it in errors. */
export function messageField(
  message: WireMessage,
  camelName: string,
  path: string,
): WireMessage | undefined {
  const value = field(message, camelName);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new OtlpDecodeError(`${path}.${camelName} must be an object`);
  }
  return value as WireMessage;
}

/** A repeated message field (empty when absent); `path` names it in errors. */
export function listField(message: WireMessage, camelName: string, path: string): WireMessage[] {
  const value = field(message, camelName);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OtlpDecodeError(`${path}.${camelName} must be an array`);
  return value.map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new OtlpDecodeError(`${path}.${camelName}[${i}] must be an object`);
    }
    return item as WireMessage;
  });
}

export function stringField(message: WireMessage, camelName: string, path: string): string {
  const value = field(message, camelName);
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new OtlpDecodeError(`${path}.${camelName} must be a string`);
  return value;
}

/**
 * An enum field: the proto3 JSON mapping allows the integer or the value's name
 * (`SPAN_KIND_CLIENT`); `names` lists the names in number order.
 */
export function enumField(
  message: WireMessage,
  camelName: string,
  path: string,
  names: readonly string[],
): number {
  const value = field(message, camelName);
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string') {
    const index = names.indexOf(value);
    if (index >= 0) return index;
    if (/^-?\d+$/.test(value)) return Number(value);
  }
  throw new OtlpDecodeError(
    `${path}.${camelName} is not a valid enum value: ${JSON.stringify(value)}`,
  );
}

/**
 * An unsigned 64-bit nanosecond time as a decimal string. JSON may send a string or a
 * number; protobufjs hands over a decimal string (longs: String).
 */
export function timeField(message: WireMessage, camelName: string, path: string): string {
  const value = field(message, camelName);
  if (value === undefined || value === null) return '0';
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
    return BigInt(Math.trunc(value)).toString();
  }
  if (typeof value === 'string' && /^\d+$/.test(value)) return BigInt(value).toString();
  throw new OtlpDecodeError(
    `${path}.${camelName} must be unsigned 64-bit nanoseconds, got ${JSON.stringify(value)}`,
  );
}

/**
 * A trace or span id as lowercase hex: protobuf gives bytes, OTLP/JSON gives hex text
 * (case-insensitive). Malformed ids are passed through for span validation to report.
 */
export function idField(message: WireMessage, camelName: string, path: string): string {
  const value = field(message, camelName);
  if (value === undefined || value === null) return '';
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (typeof value === 'string') return value.toLowerCase();
  throw new OtlpDecodeError(`${path}.${camelName} must be a hex string`);
}
