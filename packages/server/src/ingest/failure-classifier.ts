import {
  findFailures,
  resolveThresholds,
  type ClassifierThresholds,
} from '@glassbox/core/classify';
import { type Span } from '@glassbox/core/model';
import type { TraceClassifier } from '@glassbox/store';

/**
 * How many spans of a session's other traces a trace is checked against for duplicate side
 * effects: the newest tool spans, so a long session costs a bounded read per write.
 */
export const SESSION_CONTEXT_SPANS = 200;

/**
 * The classifier `writeSpans` runs inside the write: every finding of the trace (per span and
 * trace-level) with its project's thresholds, the session's earlier tool calls as context
 * for duplicate side effects. Projects missing from `thresholds` use the defaults.
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
      findFailures(spans as Span[], thresholds.get(projectId) ?? defaults, sessionSpans),
  };
}
