import type { Finding } from '@glassbox/core/classify';
import type { Span, SpanKind } from '@glassbox/core/model';

/** One trace as a write leaves it, handed to the classifier inside the write. */
export interface ClassifiableTrace {
  projectId: string;
  traceId: string;
  /** Every stored span of the trace, the ones just written included. */
  spans: Span[];
  /** Spans of other traces in the same session, newest first (see TraceClassifier.session). */
  sessionSpans: Span[];
}

/**
 * Computes a trace's findings from all of its spans. `writeSpans` calls it for every trace a
 * write touches, inside the write, and replaces that trace's stored findings with the result,
 * so findings stay right when a trace's spans arrive over several requests. It must be
 * synchronous and pure: it runs while the write holds its transaction.
 *
 * @example
 * const classifier: TraceClassifier = {
 *   session: { kinds: ['tool'], limit: 200 },
 *   classify: ({ spans, sessionSpans }) => findFailures(spans, thresholds, sessionSpans),
 * };
 * await store.writeSpans(spans, { classifier });
 */
export interface TraceClassifier {
  classify(trace: ClassifiableTrace): Finding[];
  /** Which spans of the session's other traces to read (of these kinds, at most `limit`). */
  session?: { kinds: readonly SpanKind[]; limit: number };
}

export interface WriteOptions {
  /** Without one, the touched traces keep the findings they had. */
  classifier?: TraceClassifier;
}
