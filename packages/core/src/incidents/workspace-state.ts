import type { Incident } from '../detect/incident.js';
import { suggestedSeverity, type IncidentSeverity } from './incident-severity.js';
import type { WorkspaceEntry } from './workspace-entry.js';
import type { WorkspaceStatus } from './workspace-status.js';

/** Who did something and when. */
export interface Stamp {
  author: string;
  atMs: number;
}

export interface WorkspaceNote extends Stamp {
  seq: number;
  text: string;
}

export interface PostmortemVersionInfo extends Stamp {
  version: number;
  chars: number;
}

/** An incident's workspace as the log of actions leaves it. */
export interface WorkspaceState {
  incidentId: string;
  status: WorkspaceStatus;
  /** Set by a person, else undefined (the status then follows detection). */
  statusSet?: Stamp;
  severity: IncidentSeverity;
  severitySet?: Stamp;
  owner?: string;
  ownerSet?: Stamp;
  notes: WorkspaceNote[];
  /** Runbook items ticked (or unticked) by hand, the latest action per item. */
  manualTicks: Record<string, Stamp & { done: boolean }>;
  postmortemVersions: PostmortemVersionInfo[];
  /** Every status a person set, oldest first. */
  statusHistory: (Stamp & { from: WorkspaceStatus; to: WorkspaceStatus })[];
  reopened: number;
  /** The seq of the last entry; the next action must carry this to be stored. */
  lastSeq: number;
}

/**
 * Replays the workspace log over the incident: without entries the status follows detection
 * (`open` → triggered, `resolved` → resolved) and the severity is detection's suggestion.
 *
 * @example
 * const state = workspaceState(incident, await store.listEntries(projectId, incident.id));
 */
export function workspaceState(
  incident: Incident,
  entries: readonly WorkspaceEntry[],
): WorkspaceState {
  const state: WorkspaceState = {
    incidentId: incident.id,
    status: incident.status === 'resolved' ? 'resolved' : 'triggered',
    severity: suggestedSeverity(incident.severity),
    notes: [],
    manualTicks: {},
    postmortemVersions: [],
    statusHistory: [],
    reopened: 0,
    lastSeq: 0,
  };
  for (const entry of entries) {
    const stamp = { author: entry.author, atMs: entry.atMs };
    const action = entry.action;
    state.lastSeq = Math.max(state.lastSeq, entry.seq);
    if (action.type === 'status') {
      if (action.from === 'resolved' && action.to !== 'resolved') state.reopened += 1;
      state.status = action.to;
      state.statusSet = stamp;
      state.statusHistory.push({ ...stamp, from: action.from, to: action.to });
    } else if (action.type === 'severity') {
      state.severity = action.to;
      state.severitySet = stamp;
    } else if (action.type === 'owner') {
      if (action.owner === null) delete state.owner;
      else state.owner = action.owner;
      state.ownerSet = stamp;
    } else if (action.type === 'note') {
      state.notes.push({ ...stamp, seq: entry.seq, text: action.text });
    } else if (action.type === 'runbook') {
      state.manualTicks[action.itemId] = { ...stamp, done: action.done };
    } else {
      state.postmortemVersions.push({
        ...stamp,
        version: action.version,
        chars: action.text.length,
      });
    }
  }
  return state;
}
