import type { TraceRow } from './postmortem-evidence.js';

/** A category counts as the incident's when its rate rises by at least this much (absolute)... */
const MIN_RISE = 0.02;
/** ...and to at least this multiple of its rate before the onset, in at least MIN_TRACES traces. */
const MIN_RATIO = 2;
const MIN_TRACES = 3;

/**
 * The failure categories whose share of traces rose after the onset: what "affected" means
 * for this incident, read from the stored findings rather than from the alert's wording.
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

function countCategories(traces: readonly TraceRow[]) {
  const counts = new Map<string, number>();
  for (const trace of traces) {
    for (const category of new Set(trace.categories))
      counts.set(category, (counts.get(category) ?? 0) + 1);
  }
  return { counts, total: traces.length };
}

/** Whether a trace shows one of the incident's categories. */
export function isAffected(trace: TraceRow, categories: ReadonlySet<string>): boolean {
  return trace.categories.some((c) => categories.has(c));
}
