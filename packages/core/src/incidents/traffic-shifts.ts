import type { TraceRow } from '../postmortem/postmortem-evidence.js';

/** A route whose share of the traffic moved at least this much across the onset is a shift. */
const MIN_SHIFT = 0.15;
/** Fewer traces than this on either side says nothing about shares. */
const MIN_TRACES = 20;

export interface TrafficShift {
  route: string;
  before: number;
  after: number;
}

/**
 * Routes (root span names) whose share of the requests rose across the onset (the routes
 * that lost share are the other side of the same shift): a traffic mix change can explain an
 * incident as well as a version can.
 *
 * @example
 * trafficShifts(rows, onsetMs, endMs); // [{ route: 'book-repair', before: 0.2, after: 0.6 }]
 */
export function trafficShifts(
  traces: readonly TraceRow[],
  onsetMs: number,
  endMs: number,
): TrafficShift[] {
  const before = shares(traces.filter((t) => t.startMs < onsetMs));
  const after = shares(traces.filter((t) => t.startMs >= onsetMs && t.startMs <= endMs));
  if (!before || !after) return [];
  const routes = new Set([...before.keys(), ...after.keys()]);
  return [...routes]
    .map((route) => ({ route, before: before.get(route) ?? 0, after: after.get(route) ?? 0 }))
    .filter((s) => s.after - s.before >= MIN_SHIFT)
    .sort((a, b) => b.after - b.before - (a.after - a.before));
}

function shares(traces: readonly TraceRow[]): Map<string, number> | undefined {
  if (traces.length < MIN_TRACES) return undefined;
  const counts = new Map<string, number>();
  for (const t of traces) {
    const route = t.rootName ?? '(unnamed)';
    counts.set(route, (counts.get(route) ?? 0) + 1);
  }
  return new Map([...counts].map(([route, n]) => [route, n / traces.length]));
}

/**
 * Models that first appear in the window after at least MIN_TRACES traces without them:
 * "model first seen", dated by the first trace that used it.
 */
export function modelsFirstSeen(
  traces: readonly TraceRow[],
): { model: string; atMs: number; traceId: string }[] {
  const seen = new Map<string, { atMs: number; traceId: string; index: number }>();
  traces.forEach((t, index) => {
    for (const model of t.models) {
      if (!seen.has(model)) seen.set(model, { atMs: t.startMs, traceId: t.traceId, index });
    }
  });
  return [...seen]
    .filter(([, first]) => first.index >= MIN_TRACES)
    .map(([model, first]) => ({ model, atMs: first.atMs, traceId: first.traceId }));
}
