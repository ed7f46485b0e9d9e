import type { Alert, Incident, TimelineEntry } from '@glassbox/core/detect';
import { formatDuration } from './format.js';

/** One row of an incident's vertical timeline. */
export interface TimelineRow {
  atMs: number;
  type: TimelineEntry['type'];
  /** Short heading of the step: "First anomaly", "Alert opened", ... */
  heading: string;
  message: string;
  /** Time since the first anomaly: `+2m 5s`; `start` for the first row. */
  offset: string;
  alert?: Alert;
  /** Traces that show the problem (the alert's examples), at most `maxTraces`. */
  traceIds: string[];
}

const HEADINGS: Record<TimelineEntry['type'], string> = {
  first_anomaly: 'First anomaly',
  alert: 'Alert opened',
  version_change: 'Version change',
  hold_requested: 'Hold requested',
  hold_applied: 'Hold applied',
  hold_not_applied: 'Hold not applied',
  canary_killed: 'Canary killed',
  canary_promoted: 'Canary promoted',
  alert_resolved: 'Alert back in control',
  resolved: 'Incident resolved',
};

/**
 * Orders an incident's timeline and attaches each entry's alert and example traces, with
 * the time since the first anomaly. Example traces appear once, on the first entry of the
 * alert that carries them.
 *
 * @example
 * const rows = incidentTimeline(detail, detail.alerts);
 * rows[0]; // { heading: 'First anomaly', offset: 'start', traceIds: ['4bf9…'], ... }
 */
export function incidentTimeline(
  incident: Incident,
  alerts: readonly Alert[],
  maxTraces = 3,
): TimelineRow[] {
  const byId = new Map(alerts.map((a) => [a.id, a]));
  const entries = [...incident.timeline].sort(
    (a, b) => a.atMs - b.atMs || order(a.type) - order(b.type),
  );
  const start = entries[0]?.atMs ?? incident.openedAtMs;
  const shown = new Set<string>();
  return entries.map((entry) => {
    const alert = entry.alertId ? byId.get(entry.alertId) : undefined;
    let traceIds: string[] = [];
    if (alert && !shown.has(alert.id) && entry.type !== 'alert_resolved') {
      shown.add(alert.id);
      traceIds = alert.evidence.exampleTraceIds.slice(0, maxTraces);
    }
    const delta = entry.atMs - start;
    return {
      atMs: entry.atMs,
      type: entry.type,
      heading: HEADINGS[entry.type] ?? entry.type,
      message: entry.message,
      offset: delta <= 0 ? 'start' : `+${formatDuration(delta)}`,
      ...(alert ? { alert } : {}),
      traceIds,
    };
  });
}

function order(type: TimelineEntry['type']): number {
  return Object.keys(HEADINGS).indexOf(type);
}
