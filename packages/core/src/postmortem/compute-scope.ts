import type { Scope, ScopeBreakdown } from './postmortem.js';
import type { TraceRow } from './postmortem-evidence.js';
import { isAffected } from './incident-categories.js';
import type { TraceSampling } from './trace-reservoir.js';

/** Below this share of all traffic, concentrated in one segment, an incident is "isolated". */
const ISOLATED_SHARE = 0.05;
/** A segment holding this much of the affected traces is where the incident concentrates. */
const CONCENTRATED = 0.8;

/**
 * Who was affected from the onset to the end: share of traces and sessions showing one of
 * the incident's categories, by route (root span name) and by model, and whether that is
 * isolated (small and in one segment) or systematic.
 */
export function computeScope(
  traces: readonly TraceRow[],
  categories: readonly string[],
  fromMs: number,
  toMs: number,
  sampled?: TraceSampling,
): Scope {
  const wanted = new Set(categories);
  const inWindow = traces.filter((t) => t.startMs >= fromMs && t.startMs <= toMs);
  const affected = inWindow.filter((t) => isAffected(t, wanted));
  const sessions = new Set(inWindow.flatMap((t) => (t.sessionId ? [t.sessionId] : [])));
  const affectedSessions = new Set(affected.flatMap((t) => (t.sessionId ? [t.sessionId] : [])));
  const bySegment = [
    ...breakdown(inWindow, wanted, 'route', (t) => [t.rootName ?? '(unnamed)']),
    ...breakdown(inWindow, wanted, 'model', (t) => (t.models.length > 0 ? t.models : ['(none)'])),
  ];
  const affectedShare = inWindow.length > 0 ? affected.length / inWindow.length : 0;
  let verdict: Scope['verdict'] = 'unknown';
  if (categories.length > 0 && affected.length > 0) {
    const concentrated = bySegment.some(
      (s) => s.affected / affected.length >= CONCENTRATED && s.traces < inWindow.length,
    );
    verdict = affectedShare < ISOLATED_SHARE && concentrated ? 'isolated' : 'systematic';
  }
  return {
    fromMs,
    toMs,
    traces: inWindow.length,
    affectedTraces: affected.length,
    affectedShare,
    sessions: sessions.size,
    affectedSessions: affectedSessions.size,
    categories: [...categories],
    bySegment,
    verdict,
    ...(sampled ? { sampled } : {}),
  };
}

function breakdown(
  traces: readonly TraceRow[],
  wanted: ReadonlySet<string>,
  key: string,
  valuesOf: (t: TraceRow) => string[],
): ScopeBreakdown[] {
  const rows = new Map<string, { traces: number; affected: number }>();
  for (const trace of traces) {
    const hit = isAffected(trace, wanted);
    for (const value of new Set(valuesOf(trace))) {
      const row = rows.get(value) ?? { traces: 0, affected: 0 };
      row.traces++;
      if (hit) row.affected++;
      rows.set(value, row);
    }
  }
  return [...rows]
    .map(([value, row]) => ({
      key,
      value,
      ...row,
      share: row.traces > 0 ? row.affected / row.traces : 0,
    }))
    .sort((a, b) => b.affected - a.affected || b.traces - a.traces);
}
