import { findFailures } from '../classify/classify-trace.js';
import type { Finding } from '../classify/failure-categories.js';
import { resolveThresholds, type ClassifierThresholds } from '../classify/thresholds.js';
import type { Span, SpanKind } from '../model/span.js';

/** One trace as a write leaves it, handed to the classifier inside the write. */
export interface ClassifiableTrace {
  projectId: string;
  traceId: string;
  /** Every stored span of the trace, the ones just written included, in tree order. */
  spans: Span[];
  /** Spans of other traces in the same session, newest first (see TraceClassifier.session). */
  sessionSpans: Span[];
}

/**
 * Computes a trace's findings from all of its spans. A write calls it for every trace it
 * touches, inside the write, and replaces that trace's stored findings with the result, so
 * findings stay right when a trace's spans arrive over several requests. It must be
 * synchronous and pure: it runs while the write holds its transaction.
 *
 * @example
 * const classifier: TraceClassifier = {
 *   session: { kinds: ['tool'], limit: 200 },
 *   classify: ({ spans, sessionSpans }) => findFailures(spans, thresholds, sessionSpans),
 * };
 */
export interface TraceClassifier {
  classify(trace: ClassifiableTrace): Finding[];
  /** Which spans of the session's other traces to read (of these kinds, at most `limit`). */
  session?: SessionContextPolicy;
}

/**
 * Which spans of a session's other traces a classifier looks at, for the traces that hold
 * spans of those kinds themselves (a trace of plain chat calls reads no session context).
 */
export interface SessionContextPolicy {
  kinds: readonly SpanKind[];
  limit: number;
}

/**
 * How many spans of a session's other traces a trace is checked against for duplicate side
 * effects: the newest tool spans, so a long session costs a bounded read per write.
 */
export const SESSION_CONTEXT_SPANS = 200;

/**
 * The classifier a write runs: every finding of the trace (per span and trace-level) with its
 * project's thresholds, the session's earlier tool calls as context for duplicate side
 * effects. Projects missing from `thresholds` use the defaults.
 *
 * @example
 * const classifier = failureClassifier(new Map([['default', resolveThresholds({ stepLimit: 10 })]]));
 * await storage.traces.writeSpans(spans, { classifier });
 */
export function failureClassifier(
  thresholds: ReadonlyMap<string, ClassifierThresholds> = new Map(),
): TraceClassifier {
  const defaults = resolveThresholds();
  return {
    session: { kinds: ['tool'], limit: SESSION_CONTEXT_SPANS },
    classify: ({ projectId, spans, sessionSpans }) =>
      findFailures(spans, thresholds.get(projectId) ?? defaults, sessionSpans),
  };
}
