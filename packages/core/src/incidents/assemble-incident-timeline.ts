import type { ArtifactEvent } from '../artifacts/registry-records.js';
import type { Alert } from '../detect/alert.js';
import type { Incident } from '../detect/incident.js';
import type { ChangeItem, EvidenceLink } from '../postmortem/postmortem.js';
import type { TraceRow } from '../postmortem/postmortem-evidence.js';
import { modelsFirstSeen, trafficShifts } from './traffic-shifts.js';
import type { WorkspaceEntry } from './workspace-entry.js';

/** Where a timeline entry comes from. */
export type TimelineSource =
  'detection' | 'change' | 'registry' | 'traffic' | 'replay' | 'eval' | 'person';

/** One line of the incident's timeline, with its evidence. */
export interface IncidentTimelineEntry {
  atMs: number;
  source: TimelineSource;
  kind: string;
  text: string;
  author?: string;
  links: EvidenceLink[];
}

/** A replay or bisection run on one of the incident's traces. */
export interface TimelineReplay {
  id: string;
  kind: string;
  traceId: string;
  atMs: number;
  summary: string;
}

/** An eval run on a dataset holding traces of the incident's window. */
export interface TimelineEvalRun {
  id: string;
  atMs: number;
  dataset: string;
  datasetVersion: number;
  target: string;
  passRate: number;
  note?: string;
}

export interface TimelineSources {
  incident: Incident;
  /** The incident's alerts, change alerts included. */
  alerts: readonly Alert[];
  /** Changes near the onset (postmortem's rankChanges): change alerts and version shifts. */
  changes: readonly ChangeItem[];
  /** Stored traces of the window, oldest first. */
  traces: readonly TraceRow[];
  /** The project's artifact registry events in the window. */
  artifactEvents: readonly ArtifactEvent[];
  replays: readonly TimelineReplay[];
  /** Eval runs on datasets holding the window's traces; none when the deployment keeps none. */
  evalRuns?: readonly TimelineEvalRun[];
  entries: readonly WorkspaceEntry[];
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

/**
 * The whole incident in time order, from every source Glassbox keeps: alerts opening and
 * resolving, changes (versions, models, sampling, artifact label moves, rollbacks, canaries),
 * traffic mix shifts, replays and bisections on its traces, eval runs on datasets of its
 * traces, and what people did.
 *
 * @example
 * assembleIncidentTimeline({ incident, alerts, changes, traces, artifactEvents, replays, entries });
 */
export function assembleIncidentTimeline(sources: TimelineSources): IncidentTimelineEntry[] {
  const { incident } = sources;
  const out: IncidentTimelineEntry[] = [];
  for (const alert of sources.alerts) {
    const link: EvidenceLink = { kind: 'alert', id: alert.id, label: alert.title };
    if (alert.change) continue;
    out.push({
      atMs: alert.onsetMs,
      source: 'detection',
      kind: 'alert_onset',
      text: `onset: ${alert.title}`,
      links: [link],
    });
    out.push({
      atMs: alert.openedAtMs,
      source: 'detection',
      kind: 'alert_opened',
      text: `alert opened: ${alert.title}: ${alert.message}`,
      links: [link],
    });
    if (alert.resolvedAtMs !== undefined) {
      out.push({
        atMs: alert.resolvedAtMs,
        source: 'detection',
        kind: 'alert_resolved',
        text: `alert resolved: ${alert.title} back in control`,
        links: [link],
      });
    }
  }
  if (incident.resolvedAtMs !== undefined) {
    out.push({
      atMs: incident.resolvedAtMs,
      source: 'detection',
      kind: 'incident_resolved',
      text: 'detection: every alert back in control',
      links: [],
    });
  }
  for (const change of sources.changes) {
    out.push({
      atMs: change.atMs,
      source: 'change',
      kind: `${change.kind}_change`,
      text: change.text,
      links: change.links,
    });
  }
  for (const first of modelsFirstSeen(sources.traces)) {
    if (sources.changes.some((c) => c.text.includes(first.model))) continue;
    out.push({
      atMs: first.atMs,
      source: 'change',
      kind: 'model_first_seen',
      text: `model ${first.model} first seen`,
      links: [{ kind: 'trace', id: first.traceId, label: 'first trace with it' }],
    });
  }
  for (const event of sources.artifactEvents) out.push(registryEntry(event));
  const endMs = incident.resolvedAtMs ?? incident.updatedAtMs;
  for (const shift of trafficShifts(sources.traces, incident.openedAtMs, endMs)) {
    out.push({
      atMs: incident.openedAtMs,
      source: 'traffic',
      kind: 'traffic_shift',
      text: `route ${shift.route}: ${percent(shift.before)} of requests before the onset, ${percent(shift.after)} after`,
      links: [{ kind: 'metric', id: `route=${shift.route}`, label: `route ${shift.route}` }],
    });
  }
  for (const run of sources.replays) {
    out.push({
      atMs: run.atMs,
      source: 'replay',
      kind: run.kind,
      text: `${run.kind === 'bisect' ? 'bisection' : 'replay'}: ${run.summary}`,
      links: [{ kind: 'trace', id: run.traceId, label: `trace ${run.traceId.slice(0, 12)}` }],
    });
  }
  for (const run of sources.evalRuns ?? []) {
    out.push({
      atMs: run.atMs,
      source: 'eval',
      kind: 'eval_run',
      text: `eval run on ${run.dataset}@${run.datasetVersion} (${run.target}): ${percent(run.passRate)} passed${run.note ? ` (${run.note})` : ''}`,
      links: [{ kind: 'eval_run', id: run.id, label: `run ${run.id.slice(0, 8)}` }],
    });
  }
  for (const entry of sources.entries) out.push(personEntry(entry));
  return out.sort((a, b) => a.atMs - b.atMs);
}

function registryEntry(event: ArtifactEvent): IncidentTimelineEntry {
  const artifact = `${event.kind} ${event.name}`;
  const base = { atMs: event.atMs, source: 'registry' as const, author: event.actor };
  const why = event.reason ? ` (${event.reason})` : '';
  const version = (v: number): EvidenceLink => ({
    kind: 'version',
    id: `${event.kind}/${event.name}@${v}`,
    label: `${artifact} v${v}`,
  });
  switch (event.type) {
    case 'label_moved': {
      const rollback = event.from !== undefined && event.to < event.from;
      return {
        ...base,
        kind: rollback ? 'rollback' : 'label_moved',
        text: `${rollback ? 'rollback: ' : ''}${artifact} label ${event.label} ${event.from === undefined ? '' : `v${event.from} → `}v${event.to}${why}`,
        links: [version(event.to)],
      };
    }
    case 'version_revoked':
      return {
        ...base,
        kind: 'version_revoked',
        text: `${artifact} v${event.version} revoked${why}`,
        links: [version(event.version)],
      };
    case 'canary_started':
    case 'canary_killed':
      return {
        ...base,
        kind: event.type,
        text: `${artifact} v${event.version} canary ${event.type === 'canary_started' ? 'started' : 'killed'}${why}`,
        links: [version(event.version)],
      };
    case 'label_frozen':
    case 'label_released':
    case 'label_protected':
    case 'label_unprotected': {
      const what = event.type.slice('label_'.length);
      const hold = event.incidentId ? ` for incident ${event.incidentId}` : '';
      return {
        ...base,
        kind: event.type,
        text: `${artifact} label ${event.label} ${what}${hold}${why}`,
        links: [],
      };
    }
    case 'gate_recorded':
      return {
        ...base,
        kind: 'gate_recorded',
        text: `${artifact} v${event.version} eval gate ${event.passed ? 'passed' : 'failed'} (pass rate ${event.passRate} %)`,
        links: [version(event.version)],
      };
  }
}

function personEntry(entry: WorkspaceEntry): IncidentTimelineEntry {
  const a = entry.action;
  const base = { atMs: entry.atMs, source: 'person' as const, author: entry.author, links: [] };
  switch (a.type) {
    case 'status':
      return {
        ...base,
        kind: a.from === 'resolved' ? 'reopened' : 'status',
        text: `${a.from === 'resolved' ? 'reopened: ' : ''}status ${a.from} → ${a.to}${a.reason ? ` (${a.reason})` : ''}`,
      };
    case 'severity':
      return { ...base, kind: 'severity', text: `severity ${a.from} → ${a.to}` };
    case 'owner':
      return {
        ...base,
        kind: 'owner',
        text: a.owner === null ? 'owner removed' : `owner set to ${a.owner}`,
      };
    case 'note':
      return { ...base, kind: 'note', text: a.text };
    case 'runbook':
      return {
        ...base,
        kind: 'runbook',
        text: `runbook: ${a.itemId} ${a.done ? 'ticked' : 'unticked'}`,
      };
    case 'postmortem':
      return { ...base, kind: 'postmortem', text: `postmortem version ${a.version} saved` };
  }
}
