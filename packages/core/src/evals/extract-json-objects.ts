/**
 * Every JSON object embedded in a text, in order: each `{` starts a brace-balanced candidate
 * (braces inside strings do not count) that is kept when it parses as a JSON object; the
 * scan continues after it. A truncated object at the end of the text is closed and tried,
 * as promptfoo does for answers cut off by a token limit.
 *
 * @example
 * extractJsonObjects('Here: {"a": 1} and {"b": {"c": 2}}'); // [{ a: 1 }, { b: { c: 2 } }]
 */
export function extractJsonObjects(text: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '{') continue;
    const end = balancedEnd(text, i);
    const candidate = end === -1 ? closeTruncated(text.slice(i)) : text.slice(i, end + 1);
    if (candidate === undefined) continue;
    const parsed = tryParseObject(candidate);
    if (parsed) {
      found.push(parsed);
      if (end === -1) break;
      i = end;
    }
  }
  return found;
}

function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let j = start; j < text.length; j++) {
    const c = text[j];
    if (inString) {
      if (c === '\\') j++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return j;
  }
  return -1;
}

function closeTruncated(tail: string): string | undefined {
  let depth = 0;
  let inString = false;
  for (let j = 0; j < tail.length; j++) {
    const c = tail[j];
    if (inString) {
      if (c === '\\') j++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
  }
  return inString || depth <= 0 ? undefined : tail + '}'.repeat(depth);
}

function tryParseObject(candidate: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(candidate);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
