import type { Finding } from '@glassbox/core/classify';
import type { FindingFacets, PendingEvents, TraceFacets } from '@glassbox/core/ingest';
import type { Span, TraceSummary } from '@glassbox/core/model';

/** One trace as the memory adapters keep it: its spans and what a write computed for it. */
export interface StoredTrace {
  /** By span id. */
  spans: Map<string, Span>;
  summary: TraceSummary;
  facets: TraceFacets & FindingFacets;
  findings: Finding[];
}

/**
 * The trace data the in-memory TraceWrites and TraceQueries share. A write replaces whole
 * entries, never changes one in place, so a reader's entry stays as it was.
 */
export class MemoryTraceTables {
  /** By traceKey. */
  readonly traces = new Map<string, StoredTrace>();
  /** Events waiting for their span, by spanKey, oldest first. */
  readonly pending = new Map<string, PendingEvents>();
}
