import type { AttributeValue, Attributes } from '../model/attributes.js';
import { keysUnder } from './attribute-prefix-index.js';

type Json = AttributeValue | undefined;

/** A plain object (a decoded kvlist or parsed JSON object), never an array. */
export function isRecord(value: unknown): value is Record<string, AttributeValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Unwraps OTLP JSON `AnyValue` wrappers (`{intValue: "3"}`) that slipped through decoding. */
function unwrap(value: Json): Json {
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  if (keys.length !== 1) return value;
  const key = keys[0] as string;
  if (['stringValue', 'intValue', 'doubleValue', 'boolValue'].includes(key)) return value[key];
  return value;
}

/** A non-empty string, or a finite number / boolean rendered as text; otherwise undefined. */
export function asString(value: Json): string | undefined {
  const v = unwrap(value);
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return String(v);
  return undefined;
}

/** A finite number from a number or a numeric string (`"12"`, `" 0.5 "`); otherwise undefined. */
export function asNumber(value: Json): number | undefined {
  const v = unwrap(value);
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A non-negative integer count (token numbers): numbers, numeric strings, rounded. */
export function asCount(value: Json): number | undefined {
  const n = asNumber(value);
  return n !== undefined && n >= 0 ? Math.round(n) : undefined;
}

export function asBoolean(value: Json): boolean | undefined {
  const v = unwrap(value);
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

/**
 * A structured value from either form instrumentations use: a JSON string is parsed, an
 * array or object is returned as is. Anything else (plain text, bad JSON) is undefined.
 */
export function asStructured(
  value: Json,
): AttributeValue[] | Record<string, AttributeValue> | undefined {
  const v = unwrap(value);
  if (Array.isArray(v) || isRecord(v)) return v;
  if (typeof v !== 'string') return undefined;
  const text = v.trim();
  if (!(text.startsWith('{') || text.startsWith('['))) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) || isRecord(parsed)
      ? (parsed as AttributeValue[] | Record<string, AttributeValue>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function asArray(value: Json): AttributeValue[] | undefined {
  const s = asStructured(value);
  return Array.isArray(s) ? s : undefined;
}

export function asObject(value: Json): Record<string, AttributeValue> | undefined {
  const s = asStructured(value);
  return isRecord(s) ? s : undefined;
}

/** A string list from an array, a JSON array string, or a single string. */
export function asStringList(value: Json): string[] | undefined {
  const list = asArray(value);
  if (list) {
    const strings = list.map((item) => asString(item)).filter((s): s is string => s !== undefined);
    return strings;
  }
  const single = asString(value);
  return single === undefined ? undefined : [single];
}

/** Any value as text: strings unchanged, everything else as JSON. */
export function toText(value: Json): string | undefined {
  const v = unwrap(value);
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** The first key (left to right) whose value the reader accepts. */
export function firstOf<T>(
  attributes: Attributes,
  keys: readonly string[],
  read: (value: Json) => T | undefined,
): T | undefined {
  for (const key of keys) {
    const value = read(attributes[key]);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Attributes under `prefix` (e.g. `ai.telemetry.metadata.`), keyed by the rest of the name. */
export function withPrefix(attributes: Attributes, prefix: string): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const key of keysUnder(attributes, prefix)) out[key.slice(prefix.length)] = attributes[key]!;
  return out;
}
