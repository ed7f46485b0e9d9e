import type { AttributeValue, Attributes } from '@glassbox/core/model';
import { OtlpDecodeError } from './otlp-decode-error.js';
import { field, listField, messageField, stringField, type WireMessage } from './wire-fields.js';

function toNumber(value: unknown, path: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    if (!Number.isNaN(n) || value === 'NaN') return n;
  }
  throw new OtlpDecodeError(`${path} must be a number, got ${JSON.stringify(value)}`);
}

/**
 * Converts an OTLP AnyValue (protobufjs object or OTLP/JSON) to an attribute value.
 * Integers become numbers (the JS exporter sends `temperature: 0` as an intValue), bytes
 * become base64 text, an empty AnyValue becomes null.
 *
 * @example
 * anyValueToAttribute({ intValue: '42' }, 'attr') // 42
 */
export function anyValueToAttribute(value: WireMessage, path: string): AttributeValue {
  const stringValue = field(value, 'stringValue');
  if (stringValue !== undefined && stringValue !== null)
    return stringField(value, 'stringValue', path);
  const boolValue = field(value, 'boolValue');
  if (boolValue !== undefined && boolValue !== null) {
    if (typeof boolValue !== 'boolean')
      throw new OtlpDecodeError(`${path}.boolValue must be a boolean`);
    return boolValue;
  }
  const intValue = field(value, 'intValue');
  if (intValue !== undefined && intValue !== null) return toNumber(intValue, `${path}.intValue`);
  const doubleValue = field(value, 'doubleValue');
  if (doubleValue !== undefined && doubleValue !== null) {
    return toNumber(doubleValue, `${path}.doubleValue`);
  }
  const arrayValue = messageField(value, 'arrayValue', path);
  if (arrayValue) {
    return listField(arrayValue, 'values', `${path}.arrayValue`).map((item, i) =>
      anyValueToAttribute(item, `${path}.arrayValue.values[${i}]`),
    );
  }
  const kvlistValue = messageField(value, 'kvlistValue', path);
  if (kvlistValue) return keyValuesToAttributes(kvlistValue, 'values', `${path}.kvlistValue`);
  const bytesValue = field(value, 'bytesValue');
  if (bytesValue instanceof Uint8Array) return Buffer.from(bytesValue).toString('base64');
  if (typeof bytesValue === 'string') return bytesValue;
  return null;
}

/** Converts a repeated KeyValue field into attributes keyed by name (last one wins). */
export function keyValuesToAttributes(
  message: WireMessage,
  camelName: string,
  path: string,
): Attributes {
  const attributes: Attributes = {};
  listField(message, camelName, path).forEach((kv, i) => {
    const itemPath = `${path}.${camelName}[${i}]`;
    const key = stringField(kv, 'key', itemPath);
    const value = messageField(kv, 'value', itemPath);
    attributes[key] = value ? anyValueToAttribute(value, `${itemPath}.value`) : null;
  });
  return attributes;
}
