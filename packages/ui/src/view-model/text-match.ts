import type { Span, TextScope } from '@glassbox/core/model';

/** A piece of text, marked when it is an occurrence of the searched words. */
export interface MatchSegment {
  text: string;
  match: boolean;
}

/**
 * Splits `text` at every case-insensitive occurrence of `needle`, marking the occurrences.
 *
 * @example
 * matchSegments('Refund or refund', 'refund');
 * // [{ text: 'Refund', match: true }, { text: ' or ', match: false }, { text: 'refund', match: true }]
 */
export function matchSegments(text: string, needle: string): MatchSegment[] {
  const wanted = needle.trim().toLowerCase();
  if (!wanted) return text ? [{ text, match: false }] : [];
  const lower = text.toLowerCase();
  const segments: MatchSegment[] = [];
  let at = 0;
  // toLowerCase keeps lengths for the scripts traces carry; where it would not, fall back to
  // no marks rather than marks in the wrong place.
  if (lower.length !== text.length) return [{ text, match: false }];
  for (let hit = lower.indexOf(wanted); hit >= 0; hit = lower.indexOf(wanted, at)) {
    if (hit > at) segments.push({ text: text.slice(at, hit), match: false });
    segments.push({ text: text.slice(hit, hit + wanted.length), match: true });
    at = hit + wanted.length;
  }
  if (at < text.length) segments.push({ text: text.slice(at), match: false });
  return segments;
}

/**
 * The first occurrence of `needle` in `text` with up to `radius` characters of context on
 * each side (an ellipsis marks a cut); undefined when `text` does not hold it.
 *
 * @example
 * matchSnippet('Please refund my order from May', 'refund', 7);
 * // [{ text: 'Please ', match: false }, { text: 'refund', match: true }, { text: ' my ord…', match: false }]
 */
export function matchSnippet(
  text: string | undefined,
  needle: string,
  radius = 40,
): MatchSegment[] | undefined {
  const wanted = needle.trim().toLowerCase();
  if (!text || !wanted) return undefined;
  const hit = text.toLowerCase().indexOf(wanted);
  if (hit < 0) return undefined;
  const start = Math.max(0, hit - radius);
  const end = Math.min(text.length, hit + wanted.length + radius);
  const window = `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
  return matchSegments(window, wanted);
}

/** Where a search matched in a trace, for the trace page. */
export interface TraceMatch {
  /** `question`, `answer`, or the span and field, e.g. `retrieve-docs · document kb-1`. */
  where: string;
  spanId?: string;
  snippet: MatchSegment[];
}

/** What one span holds that a search with scope `all` looks at, labelled. */
function spanTexts(span: Span): [string, string | undefined][] {
  const texts: [string, string | undefined][] = [
    ['input', span.input],
    ['output', span.output],
  ];
  for (const m of span.inputMessages) texts.push([`${m.role ?? 'message'} message`, m.content]);
  for (const m of span.outputMessages) texts.push([`${m.role ?? 'reply'} reply`, m.content]);
  for (const d of span.documents) texts.push([`document ${d.id ?? ''}`.trim(), d.content]);
  return texts;
}

/**
 * Every place of a trace where `needle` occurs, within `scope`: the question and the answer
 * for io, input and output; each span's input, output, messages and documents for all.
 *
 * @example
 * traceMatches({ input: 'Refund?', output: 'Yes.' }, [], 'refund', 'io')[0].where; // 'question'
 */
export function traceMatches(
  trace: { input?: string; output?: string },
  spans: readonly Span[],
  needle: string,
  scope: TextScope,
): TraceMatch[] {
  const found: TraceMatch[] = [];
  const add = (where: string, text: string | undefined, spanId?: string) => {
    const snippet = matchSnippet(text, needle);
    if (snippet) found.push({ where, snippet, ...(spanId ? { spanId } : {}) });
  };
  if (scope === 'all') {
    for (const span of spans) {
      for (const [field, text] of spanTexts(span))
        add(`${span.name} · ${field}`, text, span.spanId);
    }
    return found;
  }
  if (scope !== 'output') add('question', trace.input);
  if (scope !== 'input') add('answer', trace.output);
  return found;
}
