import type { TraceSummary } from '../model/trace.js';
import { traceKey, type TraceRef } from './span-events.js';
import { summarizeTrace, type SummarySpan } from './summarize-trace.js';

/** A trace a write touches, with every span it has once the write is done, and its summary. */
export interface AssembledTrace<S extends SummarySpan = SummarySpan> extends TraceRef {
  /** The write's spans first, then the stored ones it does not replace. */
  spans: S[];
  summary: TraceSummary;
}

/**
 * The traces some spans belong to, each once, in first-seen order.
 *
 * @example
 * tracesOf([a1, a2, b1]); // [{ projectId, traceId: 'a' }, { projectId, traceId: 'b' }]
 */
export function tracesOf(spans: Iterable<TraceRef>): TraceRef[] {
  const traces = new Map<string, TraceRef>();
  for (const { projectId, traceId } of spans) {
    const key = traceKey({ projectId, traceId });
    if (!traces.has(key)) traces.set(key, { projectId, traceId });
  }
  return [...traces.values()];
}

/**
 * Puts each touched trace together from the spans a write stores and the spans earlier
 * writes stored for the same traces (a written span replaces its stored copy), and
 * summarizes it from all of them, so re-sent spans never double-count.
 *
 * @example
 * const [trace] = assembleTraces([child], storedSpansOfItsTrace);
 * trace.summary.spanCount; // stored spans + 1
 */
export function assembleTraces<S extends SummarySpan>(
  written: Iterable<S>,
  stored: readonly S[],
): AssembledTrace<S>[] {
  const traces = new Map<string, { ref: TraceRef; spans: Map<string, S> }>();
  for (const span of written) {
    const key = traceKey(span);
    let trace = traces.get(key);
    if (!trace) {
      trace = { ref: { projectId: span.projectId, traceId: span.traceId }, spans: new Map() };
      traces.set(key, trace);
    }
    trace.spans.set(span.spanId, span);
  }
  for (const span of stored) {
    const trace = traces.get(traceKey(span));
    if (trace && !trace.spans.has(span.spanId)) trace.spans.set(span.spanId, span);
  }
  return [...traces.values()].map(({ ref, spans }) => {
    const all = [...spans.values()];
    return { ...ref, spans: all, summary: summarizeTrace(all) };
  });
}
