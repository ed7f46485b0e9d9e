/**
 * A canonical form of a JSON text: object keys sorted, whitespace removed; text that is not
 * JSON is returned trimmed. Two calls with the same arguments in any key order agree.
 *
 * @example
 * canonicalJson('{"b":1, "a":2}'); // '{"a":2,"b":1}'
 */
export function canonicalJson(text: string | undefined): string {
  if (text === undefined) return '';
  try {
    return stringify(JSON.parse(text) as unknown);
  } catch {
    return text.trim();
  }
}

/**
 * The canonical JSON of a value (object keys sorted), without a round trip through text.
 *
 * @example canonicalStringify({ b: 1, a: 2 }); // '{"a":2,"b":1}'
 */
export function canonicalStringify(value: unknown): string {
  return stringify(value);
}

function stringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
