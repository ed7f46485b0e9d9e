import type { TraceRow } from './postmortem-evidence.js';

/** A category counts as the incident's when its rate rises by at least this much (absolute)... */
const MIN_RISE = 0.02;
/** ...and to at least this multiple of its rate before the onset, in at least MIN_TRACES traces. */
const MIN_RATIO = 2;
const MIN_TRACES = 3;

/**
 * The failure categories (and the error status) whose share of traces rose after the onset:
 * what "affected" means for this incident, read from the stored findings rather than from
 * the alert's wording.
 *
 * @example
 * elevatedCategories(rows, onsetMs) // ['duplicate_side_effect']
 */
export function elevatedCategories(
  traces: readonly TraceRow[],
  onsetMs: number,
  endMs: number,
): string[] {
  const before = countCategories(traces.filter((t) => t.startMs < onsetMs));
  const during = countCategories(traces.filter((t) => t.startMs >= onsetMs && t.startMs <= endMs));
  if (during.total === 0) return [];
  return [...during.counts]
    .filter(([category, count]) => {
      const rateAfter = count / during.total;
      const rateBefore = before.total > 0 ? (before.counts.get(category) ?? 0) / before.total : 0;
      return (
        count >= MIN_TRACES &&
        rateAfter - rateBefore >= MIN_RISE &&
        rateAfter >= MIN_RATIO * rateBefore
      );
    })
    .sort((a, b) => b[1] - a[1])
    .map(([category]) => category);
}

/**
 * Stands for "the trace ended in an error" next to the failure categories, so an error spike
 * the classifier has no category for (an unknown upstream message) still has a scope.
 */
export const ERROR_STATUS_SIGNAL = 'error_status';

/** A trace's failure categories, plus ERROR_STATUS_SIGNAL when it ended in an error. */
export function signalsOf(trace: TraceRow): string[] {
  return trace.status === 'error' ? [...trace.categories, ERROR_STATUS_SIGNAL] : trace.categories;
}

function countCategories(traces: readonly TraceRow[]) {
  const counts = new Map<string, number>();
  for (const trace of traces) {
    for (const signal of new Set(signalsOf(trace)))
      counts.set(signal, (counts.get(signal) ?? 0) + 1);
  }
  return { counts, total: traces.length };
}

/** Whether a trace shows one of the incident's categories (or its error status). */
export function isAffected(trace: TraceRow, categories: ReadonlySet<string>): boolean {
  return signalsOf(trace).some((c) => categories.has(c));
}
