import { findingFacets, type TraceRecord } from '@glassbox/core/ingest';
import type { SpanStatus, TraceRow, TraceSummary } from '@glassbox/core/model';
import type { TraceSearchTable, TracesTable, TraceTextsTable } from './database-schema.js';
import { decodeFacetList, encodeFacetList } from './facet-list.js';

/**
 * The rows a trace's record is stored as. Without findings the row leaves out the finding
 * facets, so an upsert keeps the categories the last classifying write stored.
 */
export function traceToRows({ summary, facets, findings }: TraceRecord): {
  trace: TracesTable | Omit<TracesTable, 'f_categories' | 'f_layers'>;
  text: TraceTextsTable;
  search: TraceSearchTable;
} {
  const trace: Omit<TracesTable, 'f_categories' | 'f_layers'> = {
    project_id: summary.projectId,
    trace_id: summary.traceId,
    root_span_id: summary.rootSpanId ?? null,
    root_name: summary.rootName ?? null,
    start_ms: summary.startMs,
    end_ms: summary.endMs,
    duration_ms: summary.durationMs,
    status: summary.status,
    session_id: summary.sessionId ?? null,
    user_id: summary.userId ?? null,
    tags: JSON.stringify(summary.tags),
    models: JSON.stringify(summary.models),
    versions: JSON.stringify(summary.versions),
    input_tokens: summary.usage.input,
    output_tokens: summary.usage.output,
    cached_tokens: summary.usage.cached,
    total_tokens: summary.usage.total,
    cost_usd: summary.costUsd,
    span_count: summary.spanCount,
    error_count: summary.errorCount,
    f_models: encodeFacetList(facets.models),
    f_providers: encodeFacetList(facets.providers),
    f_kinds: encodeFacetList(facets.kinds),
    f_tags: encodeFacetList(facets.tags),
    f_versions: encodeFacetList(facets.versions),
  };
  const found = findings && findingFacets(findings);
  return {
    trace: found
      ? {
          ...trace,
          f_categories: encodeFacetList(found.categories),
          f_layers: encodeFacetList(found.layers),
        }
      : trace,
    text: {
      project_id: summary.projectId,
      trace_id: summary.traceId,
      input: summary.input ?? null,
      output: summary.output ?? null,
    },
    search: {
      project_id: summary.projectId,
      trace_id: summary.traceId,
      search_text: facets.searchText,
      input_text: facets.inputText,
      output_text: facets.outputText,
    },
  };
}

/** The columns a listed trace is read from (traces joined with trace_texts). */
export type TraceSummaryRow = Omit<
  TracesTable,
  'f_models' | 'f_providers' | 'f_kinds' | 'f_tags' | 'f_versions' | 'f_layers'
> &
  Pick<TraceTextsTable, 'input' | 'output'>;

/** A stored trace row, back as the summary that was written. */
export function rowToTraceSummary(row: TraceSummaryRow): TraceSummary {
  const summary: TraceSummary = {
    projectId: row.project_id,
    traceId: row.trace_id,
    startMs: Number(row.start_ms),
    endMs: Number(row.end_ms),
    durationMs: Number(row.duration_ms),
    status: row.status as SpanStatus,
    tags: JSON.parse(row.tags),
    models: JSON.parse(row.models),
    usage: {
      input: Number(row.input_tokens),
      output: Number(row.output_tokens),
      cached: Number(row.cached_tokens),
      total: Number(row.total_tokens),
    },
    costUsd: Number(row.cost_usd),
    spanCount: Number(row.span_count),
    errorCount: Number(row.error_count),
    versions: JSON.parse(row.versions),
    categories: decodeFacetList(row.f_categories),
  };
  if (row.root_span_id !== null) summary.rootSpanId = row.root_span_id;
  if (row.root_name !== null) summary.rootName = row.root_name;
  if (row.session_id !== null) summary.sessionId = row.session_id;
  if (row.user_id !== null) summary.userId = row.user_id;
  if (row.input !== null) summary.input = row.input;
  if (row.output !== null) summary.output = row.output;
  return summary;
}

/** The columns a lean window row is read from (traces alone). */
export type LeanTraceRowColumns = Pick<
  TracesTable,
  | 'trace_id'
  | 'start_ms'
  | 'session_id'
  | 'root_name'
  | 'models'
  | 'versions'
  | 'status'
  | 'f_categories'
>;

/**
 * Stored trace rows as the lean rows `traceRows` returns. A window repeats a few model lists
 * and version snapshots many thousand times, so each distinct stored text is parsed once and
 * its value shared by the rows of this read (read-only to callers).
 */
export function rowsToLeanTraceRows(rows: readonly LeanTraceRowColumns[]): TraceRow[] {
  const memo = <T>(decode: (text: string) => T) => {
    const seen = new Map<string, T>();
    return (text: string): T => {
      let value = seen.get(text);
      if (value === undefined) {
        value = decode(text);
        seen.set(text, value);
      }
      return value;
    };
  };
  const models = memo<string[]>(JSON.parse);
  const versions = memo<Record<string, string>>(JSON.parse);
  const categories = memo(decodeFacetList);
  return rows.map((row) => {
    const out: TraceRow = {
      traceId: row.trace_id,
      startMs: Number(row.start_ms),
      models: models(row.models),
      categories: categories(row.f_categories),
      versions: versions(row.versions),
      status: row.status as SpanStatus,
    };
    if (row.session_id !== null) out.sessionId = row.session_id;
    if (row.root_name !== null) out.rootName = row.root_name;
    return out;
  });
}
