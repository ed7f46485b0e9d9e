import type { RetrievedDocument } from '../model/span.js';
import type { WireMessage } from './chat-request.js';

/** Where the retrieved documents sit in a request: one message, from `start` to `end`. */
export interface ContextRegion {
  messageIndex: number;
  start: number;
  end: number;
}

/** Shorter texts match too easily by accident to locate a document. */
const MIN_DOCUMENT_CHARS = 12;

/**
 * Finds the block of a prompt that holds the retrieved documents: the message quoting most of
 * them, from the start of the line of the first quoted document to the end of the line of the
 * last, so labels such as `[refund-policy#0]` travel with their text.
 *
 * @example
 * locateContext([{ role: 'system', content: 'Rules\n[a] alpha text here\n[b] beta text here' }],
 *   [{ content: 'alpha text here' }, { content: 'beta text here' }]) // { messageIndex: 0, start: 6, end: 44 }
 */
export function locateContext(
  messages: readonly WireMessage[],
  documents: readonly RetrievedDocument[],
): ContextRegion | null {
  const contents = documents
    .map((d) => d.content ?? '')
    .filter((c) => c.trim().length >= MIN_DOCUMENT_CHARS);
  let best: (ContextRegion & { hits: number }) | null = null;
  messages.forEach((message, messageIndex) => {
    const text = message.content ?? '';
    let hits = 0;
    let first = Infinity;
    let last = -1;
    for (const content of contents) {
      const at = text.indexOf(content);
      if (at < 0) continue;
      hits++;
      first = Math.min(first, at);
      last = Math.max(last, at + content.length);
    }
    if (hits > 0 && (best === null || hits > best.hits)) {
      const lineStart = text.lastIndexOf('\n', first - 1) + 1;
      const lineEnd = text.indexOf('\n', last);
      best = { messageIndex, start: lineStart, end: lineEnd < 0 ? text.length : lineEnd, hits };
    }
  });
  if (best === null) return null;
  const { messageIndex, start, end } = best;
  return { messageIndex, start, end };
}

/** The text of a located context block. */
export function contextText(messages: readonly WireMessage[], region: ContextRegion): string {
  return (messages[region.messageIndex]?.content ?? '').slice(region.start, region.end);
}

/**
 * Messages with the context block replaced by `text`; returns the new messages and the region
 * the new block occupies.
 */
export function replaceContext(
  messages: readonly WireMessage[],
  region: ContextRegion,
  text: string,
): { messages: WireMessage[]; region: ContextRegion } {
  const out = messages.map((m) => ({ ...m }));
  const target = out[region.messageIndex];
  if (target) {
    const content = target.content ?? '';
    target.content = content.slice(0, region.start) + text + content.slice(region.end);
  }
  return {
    messages: out,
    region: {
      messageIndex: region.messageIndex,
      start: region.start,
      end: region.start + text.length,
    },
  };
}

/** A context block built from documents, one `[id] content` line each. */
export function renderDocuments(documents: readonly RetrievedDocument[]): string {
  return documents
    .map((d) => (d.id ? `[${d.id}] ${d.content ?? ''}` : (d.content ?? '')))
    .join('\n');
}
