import { SEVERITIES, type Severity } from '../classify/failure-categories.js';
import type { Alert } from './alert.js';

export const INCIDENT_STATUSES = ['open', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export interface TimelineEntry {
  atMs: number;
  type:
    | 'first_anomaly'
    | 'alert'
    | 'version_change'
    | 'hold_requested'
    | 'hold_applied'
    | 'hold_not_applied'
    | 'canary_killed'
    | 'canary_promoted'
    | 'alert_resolved'
    | 'resolved';
  message: string;
  alertId?: string;
}

/** The change alert an incident's symptoms most likely follow from. */
export interface SuspectedCause {
  alertId: string;
  monitorId: string;
  metric: string;
  /** The new value: model version, sampling parameters, prompt version, source. */
  value?: string;
  message: string;
  onsetMs: number;
}

/**
 * A monitor with `on_alarm: hold` fired in this incident: the suspected change should be held
 * pending review. An intent record; `change` is absent while no change has been identified.
 */
export interface HoldIntent {
  monitorId: string;
  alertId: string;
  atMs: number;
  change?: { alertId: string; metric: string; value?: string };
  /**
   * Set once the hold was acted on (carried out in the artifact registry, or found
   * impossible): an incident's hold is acted on once.
   */
  outcome?: { atMs: number; applied: boolean; artifact?: string; message: string };
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
  suspectedCause?: SuspectedCause;
  hold?: HoldIntent;
  /** Canaries whose gate killed them in this incident, with the numbers the gate saw. */
  canaries?: CanaryKillEvidence[];
}

/**
 * What a canary's gate saw when it killed the canary: both arms on every gate metric, the
 * always-valid p-value against alpha, and the kill boundary at the sample sizes reached.
 */
export interface CanaryKillEvidence {
  kind: string;
  name: string;
  label: string;
  version: number;
  /** The version the label kept serving (the control arm). */
  controlVersion?: number;
  /** The metric whose test crossed the boundary. */
  metric: string;
  reason: string;
  alpha: number;
  killedAtMs: number;
  metrics: {
    metric: string;
    control: { failures: number; trials: number };
    canary: { failures: number; trials: number };
    pValue: number;
    /** Smallest rise over control that crosses the boundary at these sample sizes. */
    boundaryDifference?: number;
  }[];
}

/** Alerts whose onsets lie within 30 minutes (event time) of an open incident join it. */
export const INCIDENT_JOIN_WINDOW_MS = 30 * 60_000;

const worse = (a: Severity, b: Severity): Severity =>
  SEVERITIES.indexOf(a) >= SEVERITIES.indexOf(b) ? a : b;
const sorted = (t: TimelineEntry[]): TimelineEntry[] => t.slice().sort((a, b) => a.atMs - b.atMs);

function changeEntry(a: Alert): TimelineEntry {
  return { atMs: a.onsetMs, type: 'version_change', message: a.message, alertId: a.id };
}

function causeOf(c: Alert): SuspectedCause {
  const cause: SuspectedCause = {
    alertId: c.id,
    monitorId: c.monitorId,
    metric: c.metric,
    message: c.message,
    onsetMs: c.onsetMs,
  };
  const value = c.evidence.current.value;
  if (value !== undefined) cause.value = String(value);
  return cause;
}

/** The change whose onset is nearest the symptom's, within the window either side. */
function nearestChange(
  changes: readonly Alert[],
  onsetMs: number,
  windowMs: number,
): Alert | undefined {
  return changes
    .filter((c) => c.change && Math.abs(c.onsetMs - onsetMs) <= windowMs)
    .sort((a, b) => Math.abs(a.onsetMs - onsetMs) - Math.abs(b.onsetMs - onsetMs))[0];
}

/** Records the hold a symptom monitor asks for, naming the suspected change once known. */
function withHold(incident: Incident, symptom: Alert | undefined, atMs: number): Incident {
  const cause = incident.suspectedCause;
  if (!incident.hold && !symptom) return incident;
  if (incident.hold?.change || (incident.hold && !cause)) return incident;
  const hold: HoldIntent = incident.hold
    ? { ...incident.hold }
    : {
        monitorId: (symptom as Alert).monitorId,
        alertId: (symptom as Alert).id,
        atMs,
      };
  if (cause) {
    hold.change = { alertId: cause.alertId, metric: cause.metric };
    if (cause.value !== undefined) hold.change.value = cause.value;
  }
  const message = cause
    ? `hold ${cause.value ?? cause.message} pending review (${hold.monitorId} declares on_alarm: hold)`
    : `hold requested by ${hold.monitorId}; no change identified yet`;
  return {
    ...incident,
    hold,
    timeline: sorted([
      ...incident.timeline,
      { atMs, type: 'hold_requested', message, alertId: hold.alertId },
    ]),
  };
}

/**
 * Files an alert under an incident. A non-change (symptom) alert joins the open incident
 * whose activity is within `windowMs` of its onset, or opens one whose timeline starts with
 * the first anomaly and lists the change alerts (new model, sampling, prompt or artifact
 * version, dominant source) within the window; the change whose onset is nearest the
 * symptom's is the incident's `suspectedCause`. A change alert only joins an open incident
 * nearby (as a version change, and its suspected cause when it has none); alone it opens
 * none, and returns undefined. `hold` (the symptom monitor declares `on_alarm: hold`)
 * records on the incident that the suspected change should be held.
 *
 * @example
 * const result = fileAlert(alert, openIncidents, recentChangeAlerts, { newId });
 * if (result) save(result.incident);
 */
export function fileAlert(
  alert: Alert,
  open: readonly Incident[],
  recentChanges: readonly Alert[],
  context: { newId: () => string; windowMs?: number; hold?: boolean },
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
  const projectChanges = recentChanges.filter((c) => c.projectId === alert.projectId);
  const symptom = !alert.change && context.hold ? alert : undefined;
  if (near) {
    if (near.alertIds.includes(alert.id)) return { incident: near, created: false };
    const timeline = [...near.timeline, entry];
    let openedAtMs = near.openedAtMs;
    if (!alert.change && alert.onsetMs < near.openedAtMs) {
      openedAtMs = alert.onsetMs;
      const first = timeline.find((t) => t.type === 'first_anomaly');
      if (first) first.atMs = alert.onsetMs;
    }
    let joined: Incident = {
      ...near,
      severity: alert.change ? near.severity : worse(near.severity, alert.severity),
      openedAtMs,
      updatedAtMs: Math.max(near.updatedAtMs, alert.lastSeenMs),
      alertIds: [...near.alertIds, alert.id],
      timeline: sorted(timeline),
    };
    if (!joined.suspectedCause) {
      const cause = alert.change
        ? Math.abs(alert.onsetMs - near.openedAtMs) <= windowMs
          ? alert
          : undefined
        : nearestChange(projectChanges, near.openedAtMs, windowMs);
      if (cause) joined = { ...joined, suspectedCause: causeOf(cause) };
    }
    joined = withHold(joined, symptom, alert.openedAtMs);
    return { created: false, incident: joined };
  }
  if (alert.change) return undefined;
  const changes = projectChanges.filter(
    (c) => c.change && Math.abs(c.onsetMs - alert.onsetMs) <= windowMs,
  );
  const cause = nearestChange(changes, alert.onsetMs, windowMs);
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
  const incident: Incident = {
    id: context.newId(),
    projectId: alert.projectId,
    title: alert.title,
    severity: alert.severity,
    status: 'open',
    openedAtMs: alert.onsetMs,
    updatedAtMs: alert.lastSeenMs,
    alertIds: [alert.id, ...changes.map((c) => c.id)],
    timeline: sorted(timeline),
  };
  if (cause) incident.suspectedCause = causeOf(cause);
  return { created: true, incident: withHold(incident, symptom, alert.openedAtMs) };
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
