import type { Incident } from '@glassbox/core/detect';
import {
  assembleIncidentTimeline,
  evaluateRunbook,
  planWorkspaceAction,
  workspaceState,
  WorkspaceError,
  type IncidentTimelineEntry,
  type RunbookView,
  type WorkspaceChange,
  type WorkspaceEntry,
  type WorkspaceState,
} from '@glassbox/core/incidents';
import { evidenceChanges } from '@glassbox/core/postmortem';
import type { EvalStores, IncidentWorkspaceStore, Storage } from '@glassbox/store';
import {
  gatherPostmortemEvidence,
  IncidentNotFound,
  type PostmortemPorts,
} from './gather-postmortem-evidence.js';
import {
  artifactEventsBetween,
  incidentReplays,
  runbookSignals,
  type SignalPorts,
} from './incident-signals.js';
import { incidentEvalRuns } from './incident-eval-runs.js';

/** Everything the workspace reads and writes. */
export interface WorkspacePorts extends PostmortemPorts, SignalPorts {
  workspace: IncidentWorkspaceStore;
  evals: Pick<EvalStores, 'datasets' | 'runs'>;
}

/** The workspace's ports over one storage. */
export function workspacePortsOf(storage: Storage): WorkspacePorts {
  return {
    traces: storage.traces,
    alerts: storage.detection,
    monitors: storage.detection,
    replays: storage.replays,
    artifacts: storage.artifacts,
    workspace: storage.incidents,
    evals: storage.evals,
  };
}

/** Thrown when concurrent actions kept taking the next number; the caller may retry. */
export class WorkspaceBusy extends Error {}

const MAX_ATTEMPTS = 5;

/** The incident and its workspace log; IncidentNotFound when the incident does not exist. */
export async function loadWorkspace(
  ports: Pick<WorkspacePorts, 'alerts' | 'workspace'>,
  projectId: string,
  incidentId: string,
): Promise<{ incident: Incident; entries: WorkspaceEntry[]; state: WorkspaceState }> {
  const [incident, entries] = await Promise.all([
    ports.alerts.getIncident(projectId, incidentId),
    ports.workspace.listEntries(projectId, incidentId),
  ]);
  if (!incident) throw new IncidentNotFound(`incident ${incidentId} not found`);
  return { incident, entries, state: workspaceState(incident, entries) };
}

/**
 * The workspace as people see it: the state they set and the runbook, with the items
 * Glassbox sees done in the stores (replays on the incident's traces, label moves and
 * monitors added since the onset).
 */
export async function workspaceView(
  ports: WorkspacePorts,
  projectId: string,
  incidentId: string,
): Promise<{ state: WorkspaceState; runbook: RunbookView }> {
  const { incident, state } = await loadWorkspace(ports, projectId, incidentId);
  const replays = await incidentReplays(ports, projectId, incident);
  const signals = await runbookSignals(ports, projectId, incident, replays);
  return { state, runbook: evaluateRunbook(state, signals) };
}

/**
 * Applies one person's change: checks it against the current state (WorkspaceError when the
 * lifecycle or the runbook refuses it) and stores it under the next number. When someone
 * else acted in between, re-reads and checks again, so no change builds on a stale state.
 *
 * @example
 * await applyWorkspaceChange(ports, 'default', id, 'ana', { type: 'status', to: 'investigating' });
 */
export async function applyWorkspaceChange(
  ports: Pick<WorkspacePorts, 'alerts' | 'workspace'>,
  projectId: string,
  incidentId: string,
  author: string,
  change: WorkspaceChange,
  nowMs: () => number = Date.now,
): Promise<WorkspaceEntry> {
  if (author.trim() === '') throw new WorkspaceError('empty_text', 'author is empty');
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const { state } = await loadWorkspace(ports, projectId, incidentId);
    const entry: WorkspaceEntry = {
      projectId,
      incidentId,
      seq: state.lastSeq + 1,
      atMs: nowMs(),
      author: author.trim(),
      action: planWorkspaceAction(state, change),
    };
    if (await ports.workspace.append(entry)) return entry;
  }
  throw new WorkspaceBusy(
    `incident ${incidentId} changed ${MAX_ATTEMPTS} times while this change was checked; retry`,
  );
}

/**
 * The incident's whole timeline: the postmortem's evidence window (alerts, changes and the
 * stored traces for model first-seen and traffic shifts), the registry's events in that
 * window, the replays on its traces, eval runs on datasets of its traces, and the workspace
 * log.
 */
export async function incidentTimeline(
  ports: WorkspacePorts,
  projectId: string,
  incidentId: string,
): Promise<IncidentTimelineEntry[]> {
  const { entries } = await loadWorkspace(ports, projectId, incidentId);
  const evidence = await gatherPostmortemEvidence(ports, projectId, incidentId);
  const windowTraceIds = new Set(evidence.traces.map((t) => t.traceId));
  const [artifactEvents, replays, evalRuns] = await Promise.all([
    artifactEventsBetween(
      ports.artifacts,
      projectId,
      evidence.windowFromMs,
      Number.MAX_SAFE_INTEGER,
    ),
    incidentReplays(ports, projectId, evidence.incident, {
      fromMs: evidence.windowFromMs,
      traceIds: windowTraceIds,
    }),
    incidentEvalRuns(ports.evals, projectId, evidence.windowFromMs, windowTraceIds),
  ]);
  return assembleIncidentTimeline({
    incident: evidence.incident,
    alerts: [...evidence.alerts, ...evidence.changes],
    changes: evidenceChanges(evidence),
    traces: evidence.traces,
    artifactEvents,
    replays,
    evalRuns,
    entries,
  });
}
