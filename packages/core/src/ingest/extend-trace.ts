import type { TraceSummary } from '../model/trace.js';
import type { AssembledTrace } from './assemble-traces.js';
import { orderSpanTree } from './span-tree-order.js';
import { summarizeTrace, type SummarySpan } from './summarize-trace.js';
import { buildTraceFacets, SEARCH_TEXT_LIMIT, type TraceFacets } from './trace-facets.js';

/**
 * Stored spans from which a trace is extended rather than re-read: a write that adds spans to
 * a trace this large folds them into the stored summary (extendTrace) and leaves
 * classification to the detection job once the trace is quiet, so one long trace sent in
 * many parts costs each part its own spans, not the whole trace again.
 */
export const LARGE_TRACE_SPANS = 1000;

/** What is stored of a trace besides its spans: its summary and facets. */
export interface StoredTraceRecord {
  summary: TraceSummary;
  facets: TraceFacets;
}

/** A trace a write extends: its new spans only, with the merged summary and facets. */
export interface ExtendedTrace<S extends SummarySpan> extends AssembledTrace<S> {
  facets: TraceFacets;
}

function union(stored: readonly string[], added: readonly string[]): string[] {
  return [...new Set([...stored, ...added])].sort();
}

/** The stored search text with the new spans' text appended, up to SEARCH_TEXT_LIMIT. */
function extendSearchText(stored: string, added: string): string {
  if (stored.length >= SEARCH_TEXT_LIMIT || added === '') return stored;
  const fresh = added.split('\n').filter((part) => part !== '' && !stored.includes(part));
  if (fresh.length === 0) return stored;
  return (stored === '' ? fresh : [stored, ...fresh]).join('\n').slice(0, SEARCH_TEXT_LIMIT);
}

/**
 * A stored trace with spans none of which it holds yet, summarized without reading its other
 * spans: totals add up, sets merge, and a new parentless span becomes the root when it
 * starts before the stored root or the stored root is an orphan (`storedRoot`, the stored
 * root span, decides). Versions keep the stored value of a key. The search text appends the
 * new spans' text after the stored text. Re-sent spans would double-count: the caller sends
 * only spans the trace does not hold.
 *
 * @example
 * const trace = extendTrace(stored, storedRootSpan, newSpans);
 * trace.summary.spanCount; // stored.summary.spanCount + newSpans.length
 */
export function extendTrace<S extends SummarySpan>(
  stored: StoredTraceRecord,
  storedRoot: SummarySpan | undefined,
  spans: readonly S[],
): ExtendedTrace<S> {
  const added = summarizeTrace(spans);
  const before = stored.summary;
  const candidate = orderSpanTree(spans)[0] as S;
  const rootMoves =
    storedRoot === undefined ||
    (candidate.parentSpanId === undefined &&
      (storedRoot.parentSpanId !== undefined ||
        candidate.startMs < storedRoot.startMs ||
        (candidate.startMs === storedRoot.startMs && candidate.spanId < storedRoot.spanId)));
  const startMs = Math.min(before.startMs, added.startMs);
  const endMs = Math.max(before.endMs, added.endMs);
  const summary: TraceSummary = {
    projectId: before.projectId,
    traceId: before.traceId,
    startMs,
    endMs,
    durationMs: endMs - startMs,
    status:
      before.status === 'error' || added.status === 'error'
        ? 'error'
        : before.status === 'ok' || added.status === 'ok'
          ? 'ok'
          : 'unset',
    tags: union(before.tags, added.tags),
    models: union(before.models, added.models),
    usage: {
      input: before.usage.input + added.usage.input,
      output: before.usage.output + added.usage.output,
      cached: before.usage.cached + added.usage.cached,
      total: before.usage.total + added.usage.total,
    },
    costUsd: before.costUsd + added.costUsd,
    spanCount: before.spanCount + added.spanCount,
    errorCount: before.errorCount + added.errorCount,
    versions: { ...added.versions, ...before.versions },
  };
  const root = rootMoves ? added : before;
  const other = rootMoves ? before : added;
  for (const key of ['rootSpanId', 'rootName', 'input', 'output'] as const) {
    if (root[key] !== undefined) summary[key] = root[key];
  }
  for (const key of ['sessionId', 'userId'] as const) {
    const value = root[key] ?? other[key];
    if (value !== undefined) summary[key] = value;
  }
  const facets = buildTraceFacets(spans, summary);
  return {
    projectId: before.projectId,
    traceId: before.traceId,
    spans: [...spans],
    summary,
    facets: {
      models: union(stored.facets.models, facets.models),
      providers: union(stored.facets.providers, facets.providers),
      kinds: union(stored.facets.kinds, facets.kinds),
      tags: union(stored.facets.tags, facets.tags),
      versions: union(stored.facets.versions, facets.versions),
      searchText: extendSearchText(stored.facets.searchText, facets.searchText),
      inputText: facets.inputText,
      outputText: facets.outputText,
    },
  };
}
