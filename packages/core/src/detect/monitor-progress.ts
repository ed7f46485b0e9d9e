import {
  createMonitorEvaluator,
  type MonitorEvent,
  type MonitorState,
} from './monitor-evaluator.js';
import type { MonitorDefinition } from './monitor.js';
import type { Observation } from './observation.js';

/** A position in event-time order: observations sort by (eventMs, traceId). */
export interface EventPosition {
  ms: number;
  traceId: string;
}

/** How far a monitor has read, its state there, and earlier states to rewind to for late data. */
export interface MonitorProgress {
  watermark?: EventPosition;
  state?: MonitorState;
  checkpoints: { at: EventPosition; state: MonitorState }[];
  /** Observations that arrived later than the grace window allows; never evaluated. */
  lateDropped: number;
}

/** Defaults: late data within 10 minutes of event time is re-judged; a checkpoint a minute. */
export const PROGRESS_DEFAULTS = { graceMs: 10 * 60_000, checkpointEveryMs: 60_000 };

/** Whether position a sorts before b. */
export function isBefore(a: EventPosition, b: EventPosition): boolean {
  return a.ms < b.ms || (a.ms === b.ms && a.traceId < b.traceId);
}

export function emptyProgress(): MonitorProgress {
  return { checkpoints: [], lateDropped: 0 };
}

/**
 * Rewinds a monitor for observations that arrived (or changed) at or before its watermark:
 * to the newest checkpoint before the earliest of them, when that lies within the grace
 * window; the evaluation then replays from there and judges them at their event time.
 * Older ones are counted in `lateDropped` and left out of streaming detection.
 *
 * @example
 * progress = rewindForLateData(progress, [{ ms: lateEventMs, traceId }]);
 */
export function rewindForLateData(
  progress: MonitorProgress,
  changed: readonly EventPosition[],
  graceMs = PROGRESS_DEFAULTS.graceMs,
): MonitorProgress {
  const { watermark } = progress;
  if (!watermark) return progress;
  const late = changed.filter((p) => !isBefore(watermark, p));
  if (late.length === 0) return progress;
  const bound = watermark.ms - graceMs;
  const judged = late.filter((p) => p.ms >= bound);
  const dropped = late.length - judged.length;
  const earliest = judged.reduce<EventPosition | undefined>(
    (e, p) => (e === undefined || isBefore(p, e) ? p : e),
    undefined,
  );
  const next = { ...progress, lateDropped: progress.lateDropped + dropped };
  if (!earliest) return next;
  const usable = progress.checkpoints.filter((c) => isBefore(c.at, earliest));
  const target = usable.at(-1);
  if (!target) return { ...next, lateDropped: next.lateDropped + judged.length };
  return { ...next, watermark: target.at, state: target.state, checkpoints: usable };
}

/**
 * Feeds observations (sorted by event position, all after the watermark) to the monitor and
 * returns the new progress with the events it produced. Checkpoints are kept one per
 * `checkpointEveryMs` of event time, back to the grace window plus one older.
 *
 * @example
 * const { progress: next, events } = advanceMonitor(monitor, progress, observations);
 */
export function advanceMonitor(
  monitor: MonitorDefinition,
  progress: MonitorProgress,
  observations: readonly Observation[],
  options: { graceMs?: number; checkpointEveryMs?: number } = {},
): { progress: MonitorProgress; events: { event: MonitorEvent; observation: Observation }[] } {
  const graceMs = options.graceMs ?? PROGRESS_DEFAULTS.graceMs;
  const every = options.checkpointEveryMs ?? PROGRESS_DEFAULTS.checkpointEveryMs;
  const evaluator = createMonitorEvaluator(monitor, progress.state);
  const events: { event: MonitorEvent; observation: Observation }[] = [];
  let watermark = progress.watermark;
  const checkpoints = [...progress.checkpoints];
  if (!watermark && checkpoints.length === 0) {
    checkpoints.push({
      at: { ms: Number.MIN_SAFE_INTEGER, traceId: '' },
      state: evaluator.state(),
    });
  }
  for (const o of observations) {
    const at = { ms: o.eventMs, traceId: o.traceId };
    if (watermark && !isBefore(watermark, at)) continue;
    const last = checkpoints.at(-1);
    if (watermark && (!last || watermark.ms - last.at.ms >= every)) {
      checkpoints.push({ at: watermark, state: evaluator.state() });
    }
    for (const event of evaluator.observeAll(o)) events.push({ event, observation: o });
    watermark = at;
  }
  if (watermark) {
    const bound = watermark.ms - graceMs;
    const firstKept = checkpoints.findIndex((c) => c.at.ms >= bound);
    if (firstKept > 1) checkpoints.splice(0, firstKept - 1);
    if (firstKept === -1 && checkpoints.length > 1) checkpoints.splice(0, checkpoints.length - 1);
  }
  const next: MonitorProgress = {
    checkpoints,
    lateDropped: progress.lateDropped,
    state: evaluator.state(),
  };
  if (watermark) next.watermark = watermark;
  return { progress: next, events };
}
