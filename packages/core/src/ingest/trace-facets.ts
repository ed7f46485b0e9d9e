import type { Message } from '../model/span.js';
import type { SummarySpan } from './summarize-trace.js';

/** How much lowercased text of a trace free-text search looks at, in characters. */
export const SEARCH_TEXT_LIMIT = 2048;

/**
 * How much of a trace's question and of its answer a scoped search looks at, in characters:
 * more than SEARCH_TEXT_LIMIT, since a long answer is read whole where a match matters most.
 */
export const SCOPED_TEXT_LIMIT = 8192;

/** What a trace can be filtered by beyond its summary, computed from all of its spans. */
export interface TraceFacets {
  /** Requested and returned models of every span. */
  models: string[];
  providers: string[];
  kinds: string[];
  tags: string[];
  /** `key=value` pairs of every span's version snapshot. */
  versions: string[];
  /** Lowercased input, output and message text of the spans, cut at SEARCH_TEXT_LIMIT. */
  searchText: string;
  /** The trace's lowercased input (root question) and output (answer), cut at SCOPED_TEXT_LIMIT. */
  inputText: string;
  outputText: string;
}

function messageText(messages: readonly Message[]): string[] {
  const parts: string[] = [];
  for (const message of messages) {
    if (message.content) parts.push(message.content);
    for (const call of message.toolCalls ?? []) parts.push(call.name, call.arguments);
  }
  return parts;
}

/**
 * The filterable facets of one trace.
 *
 * @example
 * buildTraceFacets(spans, summary).models; // ['gpt-4o', 'gpt-4o-2024-08-06']
 */
export function buildTraceFacets(
  spans: readonly SummarySpan[],
  summary: { input?: string; output?: string },
): TraceFacets {
  const models = new Set<string>();
  const providers = new Set<string>();
  const kinds = new Set<string>();
  const tags = new Set<string>();
  const versions = new Set<string>();
  const text: string[] = [];
  const seen = new Set<string>();
  let length = 0;
  const ordered = [...spans].sort((a, b) => a.startMs - b.startMs);
  for (const span of ordered) {
    if (span.requestModel) models.add(span.requestModel);
    if (span.responseModel) models.add(span.responseModel);
    if (span.provider) providers.add(span.provider);
    kinds.add(span.kind);
    for (const tag of span.tags) tags.add(tag);
    for (const [key, value] of Object.entries(span.versions))
      versions.add(versionFacet(key, value));
    if (length >= SEARCH_TEXT_LIMIT) continue;
    const parts = [span.input, span.output, ...messageText(span.inputMessages)];
    parts.push(...messageText(span.outputMessages));
    for (const part of parts) {
      // The same text often repeats down a trace (root input = the model's user turn).
      if (!part || length >= SEARCH_TEXT_LIMIT || seen.has(part)) continue;
      seen.add(part);
      text.push(part);
      length += part.length + 1;
    }
  }
  return {
    models: [...models].sort(),
    providers: [...providers].sort(),
    kinds: [...kinds].sort(),
    tags: [...tags].sort(),
    versions: [...versions].sort(),
    searchText: text.join('\n').slice(0, SEARCH_TEXT_LIMIT).toLowerCase(),
    inputText: (summary.input ?? '').slice(0, SCOPED_TEXT_LIMIT).toLowerCase(),
    outputText: (summary.output ?? '').slice(0, SCOPED_TEXT_LIMIT).toLowerCase(),
  };
}

/** The facet value of one version pair. */
export function versionFacet(key: string, value: string): string {
  return `${key}=${value}`;
}
