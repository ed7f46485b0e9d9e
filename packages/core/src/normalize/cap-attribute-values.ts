import type { AttributeValue, Attributes } from '../model/attributes.js';
import type { OtlpLogRecord, OtlpSpan } from '../model/otlp-span.js';

/** Default largest attribute value stored whole: 1 MiB of UTF-8. */
export const DEFAULT_MAX_ATTRIBUTE_BYTES = 1024 * 1024;

/**
 * Span attribute listing the values Glassbox cut, keyed by where they were
 * (`attributes.<key>`, `resource.<key>`, `events[<i>].<key>`), valued by their original size
 * in bytes. The UI reads it to say "truncated: 40 MB original".
 */
export const TRUNCATED_ATTRIBUTES_KEY = 'glassbox.truncated_attributes';

/** One value that was stored truncated. */
export interface TruncatedValue {
  /** `attributes.<key>`, `resource.<key>` or `events[<i>].<key>`. */
  where: string;
  originalBytes: number;
}

/**
 * Cuts every attribute value larger than `maxBytes` (UTF-8, arrays and key-value lists
 * measured as JSON) to that size, ends it with a marker naming the original size, and lists
 * the cut values on the span under TRUNCATED_ATTRIBUTES_KEY. The span is never rejected: a
 * giant prompt must not cost the trace. Returns the input object when nothing was cut.
 *
 * @example
 * const { span, truncated } = capSpanAttributeValues(raw, DEFAULT_MAX_ATTRIBUTE_BYTES);
 */
export function capSpanAttributeValues(
  span: OtlpSpan,
  maxBytes: number,
): { span: OtlpSpan; truncated: TruncatedValue[] } {
  const truncated: TruncatedValue[] = [];
  const attributes = capAttributes(span.attributes, maxBytes, 'attributes.', truncated);
  const resource = capAttributes(span.resource, maxBytes, 'resource.', truncated);
  const events = span.events.map((event, i) => {
    const capped = capAttributes(event.attributes, maxBytes, `events[${i}].`, truncated);
    return capped === event.attributes ? event : { ...event, attributes: capped };
  });
  if (truncated.length === 0) return { span, truncated };
  const listed: Record<string, AttributeValue> = {};
  for (const { where, originalBytes } of truncated) listed[where] = originalBytes;
  return {
    span: {
      ...span,
      attributes: { ...attributes, [TRUNCATED_ATTRIBUTES_KEY]: listed },
      resource,
      events,
    },
    truncated,
  };
}

/**
 * The attributes with each value over `maxBytes` cut (see capSpanAttributeValues); the same
 * object when none was. Each cut value is appended to `truncated` as `<prefix><key>`.
 */
export function capAttributes(
  attributes: Attributes,
  maxBytes: number,
  prefix: string,
  truncated: TruncatedValue[],
): Attributes {
  let result: Attributes | undefined;
  for (const [key, value] of Object.entries(attributes)) {
    const capped = capAttributeValue(value, maxBytes);
    if (!capped) continue;
    result ??= { ...attributes };
    result[key] = capped.value;
    truncated.push({ where: `${prefix}${key}`, originalBytes: capped.originalBytes });
  }
  return result ?? attributes;
}

/** A value over `maxBytes` as its cut string and original size; undefined when it fits. */
export function capAttributeValue(
  value: AttributeValue,
  maxBytes: number,
): { value: string; originalBytes: number } | undefined {
  if (typeof value === 'string') {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: short strings need no measuring.
    if (value.length * 3 <= maxBytes) return undefined;
    const bytes = utf8Length(value);
    if (bytes <= maxBytes) return undefined;
    return { value: cutWithMarker(value, maxBytes, bytes), originalBytes: bytes };
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (!exceeds(value, maxBytes)) return undefined;
  const json = JSON.stringify(value);
  const bytes = utf8Length(json);
  return { value: cutWithMarker(json, maxBytes, bytes), originalBytes: bytes };
}

/** Whether a nested value's JSON is larger than `maxBytes`, without building the JSON when it is small. */
function exceeds(value: AttributeValue, maxBytes: number): boolean {
  let budget = maxBytes;
  const stack: AttributeValue[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') budget -= item.length * 3 + 2;
    else if (item !== null && typeof item === 'object') {
      const children = Array.isArray(item) ? item : Object.values(item);
      if (!Array.isArray(item)) for (const key of Object.keys(item)) budget -= key.length * 3 + 4;
      budget -= 2;
      stack.push(...children);
    } else budget -= 24;
    // The estimate is an upper bound: only values that might be too large are serialized.
    if (budget < 0) return utf8Length(JSON.stringify(value)) > maxBytes;
  }
  return false;
}

function cutWithMarker(text: string, maxBytes: number, originalBytes: number): string {
  const marker = ` …[truncated by Glassbox: ${originalBytes} bytes originally]`;
  return prefixOfUtf8Bytes(text, Math.max(0, maxBytes - utf8Length(marker))) + marker;
}

/** The longest prefix of `text` whose UTF-8 encoding fits in `maxBytes`, never splitting a character. */
function prefixOfUtf8Bytes(text: string, maxBytes: number): string {
  let bytes = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.codePointAt(i) ?? 0;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes + size > maxBytes) break;
    bytes += size;
    i += code >= 0x10000 ? 2 : 1;
  }
  return text.slice(0, i);
}

/** UTF-8 length of a JavaScript string (lone surrogates count as the 3-byte replacement). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** A GenAI log record with its body and attributes capped like span attributes (`body`, `attributes.<key>`). */
export function capLogRecordValues(
  log: OtlpLogRecord,
  maxBytes: number,
): { log: OtlpLogRecord; truncated: TruncatedValue[] } {
  const truncated: TruncatedValue[] = [];
  const attributes = capAttributes(log.attributes, maxBytes, 'attributes.', truncated);
  const body = capAttributes({ body: log.body }, maxBytes, '', truncated).body ?? null;
  if (truncated.length === 0) return { log, truncated };
  return { log: { ...log, attributes, body }, truncated };
}
