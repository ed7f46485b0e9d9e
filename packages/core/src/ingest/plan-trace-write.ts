import type { Finding } from '../classify/failure-categories.js';
import type { Span } from '../model/span.js';
import type { TraceSummary } from '../model/trace.js';
import type { AssembledTrace } from './assemble-traces.js';
import type { ExtendedTrace } from './extend-trace.js';
import type { TraceClassifier } from './failure-classifier.js';
import type { SpanEventsPlan } from './plan-span-events.js';
import { traceKey, type PendingEvents, type SpanRef } from './span-events.js';
import { orderSpanTree } from './span-tree-order.js';
import type { SummarySpan } from './summarize-trace.js';
import { buildTraceFacets, type TraceFacets } from './trace-facets.js';

/** One touched trace as a write stores it. */
export interface TraceRecord {
  summary: TraceSummary;
  facets: TraceFacets;
  /** The trace's findings, replacing the stored ones; absent when the write did not classify. */
  findings?: Finding[];
}

/** Everything one write stores, computed from the batch and what it read: rows to write. */
export interface TraceWritePlan {
  /** Spans to insert or replace: the written ones and stored ones that took events. */
  spans: Span[];
  /** Every trace those spans belong to, summarized from all of its spans. */
  traces: TraceRecord[];
  /** Pending event entries to delete: attached now, or expired. */
  consumed: SpanRef[];
  /** Pending event entries to create or replace. */
  pending: PendingEvents[];
}

/** How a classifying write classifies: the classifier and each trace's session context. */
export interface TraceClassification {
  classifier: TraceClassifier;
  /** Session spans by traceKey (see sessionContext); a trace missing has none. */
  sessionSpans: ReadonlyMap<string, Span[]>;
}

/**
 * The plan of one write: the spans and pending events the span-event plan decided on, and a
 * record per touched trace with its summary, facets and, when classifying, its findings.
 * Classifying needs whole spans in `traces` (read in full); extended traces are not classified.
 *
 * @example
 * await unit.write(planTraceWrite(eventsPlan, traces, { classifier, sessionSpans }));
 */
export function planTraceWrite(
  events: SpanEventsPlan,
  traces: readonly AssembledTrace[],
  classification?: TraceClassification,
): TraceWritePlan {
  const records = traces.map((trace): TraceRecord => {
    const { projectId, traceId, spans, summary } = trace;
    // An extended trace (see extendTrace) holds only its new spans: the detection job
    // classifies it whole once it is quiet.
    const extended = 'facets' in trace ? (trace as ExtendedTrace<SummarySpan>) : undefined;
    const record: TraceRecord = {
      summary,
      facets: extended?.facets ?? buildTraceFacets(spans, summary),
    };
    if (classification && !extended) {
      const sessionSpans = classification.sessionSpans.get(traceKey({ projectId, traceId })) ?? [];
      const ordered = orderSpanTree(spans as Span[]);
      record.findings = classification.classifier.classify({
        projectId,
        traceId,
        spans: ordered,
        sessionSpans,
      });
    }
    return record;
  });
  return {
    spans: [...events.spans.values()],
    traces: records,
    consumed: events.consumed,
    pending: events.pending,
  };
}
