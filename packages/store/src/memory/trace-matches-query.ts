import { versionFacet, type FindingFacets, type TraceFacets } from '@glassbox/core/ingest';
import { traceOutcome, type TraceSummary } from '@glassbox/core/model';
import type { TraceQuery } from '../ports/trace-queries.js';

function scopedText(facets: TraceFacets, query: TraceQuery): string[] {
  switch (query.textScope ?? 'all') {
    case 'input':
      return [facets.inputText];
    case 'output':
      return [facets.outputText];
    case 'io':
      return [facets.inputText, facets.outputText];
    case 'all':
      return [facets.searchText];
  }
}

/**
 * Whether a trace passes every filter of a query; the reference semantics the SQL adapters
 * reproduce. Times are inclusive on both ends.
 *
 * @example
 * traceMatchesQuery(summary, facets, { projectId: 'default', limit: 50, model: 'gpt-4o' });
 */
export function traceMatchesQuery(
  summary: TraceSummary,
  facets: TraceFacets & FindingFacets,
  query: TraceQuery,
): boolean {
  if (summary.projectId !== query.projectId) return false;
  if (query.from !== undefined && summary.startMs < query.from) return false;
  if (query.to !== undefined && summary.startMs > query.to) return false;
  if (query.sessionId !== undefined && summary.sessionId !== query.sessionId) return false;
  if (query.userId !== undefined && summary.userId !== query.userId) return false;
  if (query.model !== undefined && !facets.models.includes(query.model)) return false;
  if (query.provider !== undefined && !facets.providers.includes(query.provider)) return false;
  if (query.kind !== undefined && !facets.kinds.includes(query.kind)) return false;
  if (query.status !== undefined && summary.status !== query.status) return false;
  if (query.name !== undefined && summary.rootName !== query.name) return false;
  if (query.outcome !== undefined) {
    const outcome = traceOutcome({ status: summary.status, categories: facets.categories });
    if (outcome !== query.outcome) return false;
  }
  if (query.text) {
    const needle = query.text.toLowerCase();
    if (!scopedText(facets, query).some((t) => t.includes(needle))) return false;
  }
  if (query.tags && !query.tags.every((tag) => facets.tags.includes(tag))) return false;
  if (query.category !== undefined && !facets.categories.includes(query.category)) return false;
  if (query.layer !== undefined && !facets.layers.includes(query.layer)) return false;
  for (const [key, value] of Object.entries(query.versions ?? {})) {
    if (!facets.versions.includes(versionFacet(key, value))) return false;
  }
  return true;
}
