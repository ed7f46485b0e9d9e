// The write workflow of ingest, pure: from a batch of spans and log events and what the store
// read for it (stored spans of the touched traces, pending events, session spans) to the rows
// one transaction writes. The store's unit of work does the reading and writing.
export type { TraceRef, SpanRef, SpanEvents, PendingEvents } from './span-events.js';
export { spanKey, traceKey, DEFAULT_PENDING_EVENT_RETENTION_MS } from './span-events.js';
export { logRecordToSpanEvent } from './log-record-to-span-event.js';
export type { SpanEventRecord } from './log-record-to-span-event.js';
export { attachSpanEvents } from './attach-span-events.js';
export type { SpanEventAttacher } from './attach-span-events.js';
export { mergeEvents } from './merge-events.js';
export { spanToOtlpSpan } from './span-to-otlp-span.js';
export { groupSpanEvents, planSpanEvents, PENDING_SWEEP_LIMIT } from './plan-span-events.js';
export type { SpanEventsPlan } from './plan-span-events.js';
export { assembleTraces, tracesOf } from './assemble-traces.js';
export type { AssembledTrace } from './assemble-traces.js';
export { extendTrace, LARGE_TRACE_SPANS } from './extend-trace.js';
export type { ExtendedTrace, StoredTraceRecord } from './extend-trace.js';
export { failureClassifier, SESSION_CONTEXT_SPANS } from './failure-classifier.js';
export type {
  TraceClassifier,
  ClassifiableTrace,
  SessionContextPolicy,
} from './failure-classifier.js';
export { planSessionReads, sessionContext } from './session-context.js';
export type { SessionSpansQuery, SessionRead } from './session-context.js';
export { planTraceWrite } from './plan-trace-write.js';
export type { TraceWritePlan, TraceRecord, TraceClassification } from './plan-trace-write.js';
export { summarizeTrace } from './summarize-trace.js';
export type { SummarySpan } from './summarize-trace.js';
export { orderSpanTree } from './span-tree-order.js';
export {
  buildTraceFacets,
  versionFacet,
  SEARCH_TEXT_LIMIT,
  SCOPED_TEXT_LIMIT,
} from './trace-facets.js';
export type { TraceFacets } from './trace-facets.js';
export { findingFacets } from './finding-facets.js';
export type { FindingFacets } from './finding-facets.js';
