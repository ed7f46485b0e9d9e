import type { TraceRow } from './postmortem-evidence.js';
import { isAffected } from './incident-categories.js';

/** Traces cited in each group; the aims ask for at least 3 failing and 3 healthy. */
export const SAMPLE_SIZE = 5;

/**
 * Which stored traces the postmortem cites: failing ones spread over routes and over the
 * incident's duration, healthy ones of the same routes from just before the onset, and
 * traces after the resolution as proof of recovery.
 */
export function pickSamples(
  traces: readonly TraceRow[],
  categories: readonly string[],
  window: { onsetMs: number; endMs: number; resolvedAtMs?: number },
  size = SAMPLE_SIZE,
): { failing: string[]; healthy: string[]; afterFix: string[] } {
  const wanted = new Set(categories);
  const during = traces.filter((t) => t.startMs >= window.onsetMs && t.startMs <= window.endMs);
  const failing = spread(
    during.filter((t) => isAffected(t, wanted)),
    size,
  );
  const routes = new Set(failing.map((t) => t.rootName));
  const before = traces
    .filter((t) => t.startMs < window.onsetMs && !isAffected(t, wanted))
    .sort((a, b) => b.startMs - a.startMs);
  const sameRoute = before.filter((t) => routes.has(t.rootName));
  const healthy = [...sameRoute, ...before.filter((t) => !routes.has(t.rootName))].slice(0, size);
  const resolvedAt = window.resolvedAtMs;
  const afterFix =
    resolvedAt === undefined ? [] : traces.filter((t) => t.startMs > resolvedAt).slice(0, size);
  return {
    failing: failing.map((t) => t.traceId),
    healthy: healthy.map((t) => t.traceId),
    afterFix: afterFix.map((t) => t.traceId),
  };
}

/** Up to `size` traces taken in turn from each route, each route's traces evenly over time. */
function spread(traces: readonly TraceRow[], size: number): TraceRow[] {
  const byRoute = new Map<string, TraceRow[]>();
  for (const t of traces) {
    const key = t.rootName ?? '';
    // Appending in place: copying the list per trace was quadratic on large incidents.
    const list = byRoute.get(key);
    if (list) list.push(t);
    else byRoute.set(key, [t]);
  }
  const queues = [...byRoute.values()].map((list) => evenly(list, size));
  const picked: TraceRow[] = [];
  while (picked.length < size && queues.some((q) => q.length > 0)) {
    for (const queue of queues) {
      const next = queue.shift();
      if (next && picked.length < size) picked.push(next);
    }
  }
  return picked.sort((a, b) => a.startMs - b.startMs);
}

function evenly<T>(list: readonly T[], size: number): T[] {
  if (list.length <= size) return [...list];
  return Array.from({ length: size }, (_, i) => list[Math.floor((i * list.length) / size)]!);
}
