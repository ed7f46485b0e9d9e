import { SEVERITIES, type Severity } from '../classify/failure-categories.js';
import type { Alert } from './alert.js';

export const INCIDENT_STATUSES = ['open', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export interface TimelineEntry {
  atMs: number;
  type: 'first_anomaly' | 'alert' | 'version_change' | 'alert_resolved' | 'resolved';
  message: string;
  alertId?: string;
}

/** Alerts that belong together in event time, with what happened in order. */
export interface Incident {
  id: string;
  projectId: string;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  /** Event time of the first anomaly. */
  openedAtMs: number;
  updatedAtMs: number;
  resolvedAtMs?: number;
  alertIds: string[];
  timeline: TimelineEntry[];
}

/** Alerts whose onsets lie within 30 minutes (event time) of an open incident join it. */
export const INCIDENT_JOIN_WINDOW_MS = 30 * 60_000;

const worse = (a: Severity, b: Severity): Severity =>
  SEVERITIES.indexOf(a) >= SEVERITIES.indexOf(b) ? a : b;
const sorted = (t: TimelineEntry[]): TimelineEntry[] => t.slice().sort((a, b) => a.atMs - b.atMs);

function changeEntry(a: Alert): TimelineEntry {
  return { atMs: a.onsetMs, type: 'version_change', message: a.message, alertId: a.id };
}

/**
 * Files an alert under an incident. A non-change alert joins the open incident whose
 * activity is within `windowMs` of its onset, or opens one whose timeline starts with the
 * first anomaly and lists the change alerts (new model, sampling, prompt version) from the
 * window before. A change alert only joins an open incident nearby (as a version change);
 * alone it opens none, and returns undefined.
 *
 * @example
 * const result = fileAlert(alert, openIncidents, recentChangeAlerts, { newId });
 * if (result) save(result.incident);
 */
export function fileAlert(
  alert: Alert,
  open: readonly Incident[],
  recentChanges: readonly Alert[],
  context: { newId: () => string; windowMs?: number },
): { incident: Incident; created: boolean } | undefined {
  const windowMs = context.windowMs ?? INCIDENT_JOIN_WINDOW_MS;
  const near = open
    .filter((i) => i.status === 'open' && i.projectId === alert.projectId)
    .filter(
      (i) => alert.onsetMs >= i.openedAtMs - windowMs && alert.onsetMs <= i.updatedAtMs + windowMs,
    )
    .sort((a, b) => b.updatedAtMs - a.updatedAtMs)[0];
  const entry: TimelineEntry = alert.change
    ? changeEntry(alert)
    : {
        atMs: alert.openedAtMs,
        type: 'alert',
        message: `${alert.title}: ${alert.message}`,
        alertId: alert.id,
      };
  if (near) {
    if (near.alertIds.includes(alert.id)) return { incident: near, created: false };
    const timeline = [...near.timeline, entry];
    let openedAtMs = near.openedAtMs;
    if (!alert.change && alert.onsetMs < near.openedAtMs) {
      openedAtMs = alert.onsetMs;
      const first = timeline.find((t) => t.type === 'first_anomaly');
      if (first) first.atMs = alert.onsetMs;
    }
    return {
      created: false,
      incident: {
        ...near,
        severity: alert.change ? near.severity : worse(near.severity, alert.severity),
        openedAtMs,
        updatedAtMs: Math.max(near.updatedAtMs, alert.lastSeenMs),
        alertIds: [...near.alertIds, alert.id],
        timeline: sorted(timeline),
      },
    };
  }
  if (alert.change) return undefined;
  const changes = recentChanges.filter(
    (c) =>
      c.change &&
      c.projectId === alert.projectId &&
      Math.abs(c.onsetMs - alert.onsetMs) <= windowMs,
  );
  const timeline: TimelineEntry[] = [
    {
      atMs: alert.onsetMs,
      type: 'first_anomaly',
      message: `first anomaly: ${alert.title}`,
      alertId: alert.id,
    },
    ...changes.map(changeEntry),
    entry,
  ];
  return {
    created: true,
    incident: {
      id: context.newId(),
      projectId: alert.projectId,
      title: alert.title,
      severity: alert.severity,
      status: 'open',
      openedAtMs: alert.onsetMs,
      updatedAtMs: alert.lastSeenMs,
      alertIds: [alert.id, ...changes.map((c) => c.id)],
      timeline: sorted(timeline),
    },
  };
}

/**
 * Records an alert's resolution on its incident; once none of the incident's alerts is
 * unresolved (`alerts` holds their current versions) the incident resolves too.
 *
 * @example
 * const updated = noteAlertResolved(incident, resolvedAlert, alertsOfIncident);
 */
export function noteAlertResolved(
  incident: Incident,
  alert: Alert,
  alerts: readonly Alert[],
): Incident {
  const at = alert.resolvedAtMs ?? alert.lastSeenMs;
  const timeline = [
    ...incident.timeline,
    {
      atMs: at,
      type: 'alert_resolved' as const,
      message: `${alert.title} back in control`,
      alertId: alert.id,
    },
  ];
  const current = new Map(alerts.map((a) => [a.id, a]));
  current.set(alert.id, alert);
  const stillOpen = incident.alertIds.some((id) => {
    const a = current.get(id);
    return a !== undefined && !a.change && a.status !== 'resolved';
  });
  const next: Incident = {
    ...incident,
    updatedAtMs: Math.max(incident.updatedAtMs, at),
    timeline: sorted(timeline),
  };
  if (!stillOpen && incident.status === 'open') {
    next.status = 'resolved';
    next.resolvedAtMs = at;
    next.timeline = sorted([
      ...timeline,
      { atMs: at, type: 'resolved', message: 'every alert back in control' },
    ]);
  }
  return next;
}
