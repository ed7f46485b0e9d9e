import { traceOutcome, type TraceOutcome, type TraceSummary } from '@glassbox/core/model';

/** One turn on a session's timeline: where it sits (0-100 % of the session's span of time). */
export interface TimelineMark {
  traceId: string;
  turn: number;
  startMs: number;
  outcome: TraceOutcome;
  /** Left edge, percent of the timeline. */
  leftPct: number;
  /** Width, percent of the timeline; at least a sliver so short turns stay visible. */
  widthPct: number;
}

const MIN_WIDTH_PCT = 0.8;

/**
 * The turns of a session laid out on one time axis, oldest first, each with its outcome (ok,
 * failed, error), so gaps, long turns and where things went wrong show at a glance.
 *
 * @example
 * sessionTimeline(session.traces.map((t) => t.trace))[0]; // { turn: 1, leftPct: 0, ... }
 */
export function sessionTimeline(
  traces: readonly Pick<
    TraceSummary,
    'traceId' | 'startMs' | 'durationMs' | 'status' | 'categories'
  >[],
): TimelineMark[] {
  const sorted = [...traces].sort((a, b) => a.startMs - b.startMs);
  const first = sorted[0];
  if (!first) return [];
  const start = first.startMs;
  const end = Math.max(...sorted.map((t) => t.startMs + t.durationMs));
  const total = Math.max(1, end - start);
  return sorted.map((t, i) => {
    const leftPct = ((t.startMs - start) / total) * 100;
    const widthPct = Math.max(MIN_WIDTH_PCT, (t.durationMs / total) * 100);
    return {
      traceId: t.traceId,
      turn: i + 1,
      startMs: t.startMs,
      outcome: traceOutcome(t),
      leftPct: Math.min(leftPct, 100 - MIN_WIDTH_PCT),
      widthPct: Math.min(widthPct, 100 - Math.min(leftPct, 100 - MIN_WIDTH_PCT)),
    };
  });
}
