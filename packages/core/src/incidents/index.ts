export { WORKSPACE_STATUSES, STATUS_TRANSITIONS, isReopen } from './workspace-status.js';
export type { WorkspaceStatus } from './workspace-status.js';
export { INCIDENT_SEVERITIES, suggestedSeverity } from './incident-severity.js';
export type { IncidentSeverity } from './incident-severity.js';
export { WorkspaceError, WORKSPACE_ERROR_CODES } from './workspace-error.js';
export type { WorkspaceErrorCode } from './workspace-error.js';
export type { WorkspaceAction, WorkspaceActionType, WorkspaceEntry } from './workspace-entry.js';
export { workspaceState } from './workspace-state.js';
export type {
  PostmortemVersionInfo,
  Stamp,
  WorkspaceNote,
  WorkspaceState,
} from './workspace-state.js';
export {
  MAX_NOTE_CHARS,
  MAX_POSTMORTEM_CHARS,
  planWorkspaceAction,
} from './plan-workspace-action.js';
export type { WorkspaceChange } from './plan-workspace-action.js';
export { evaluateRunbook, RUNBOOK_ITEMS, RUNBOOK_PHASES } from './runbook.js';
export type { RunbookItem, RunbookPhase, RunbookSignals, RunbookView } from './runbook.js';
export { assembleIncidentTimeline } from './assemble-incident-timeline.js';
export type {
  IncidentTimelineEntry,
  TimelineReplay,
  TimelineEvalRun,
  TimelineSource,
  TimelineSources,
} from './assemble-incident-timeline.js';
export { modelsFirstSeen, trafficShifts } from './traffic-shifts.js';
export type { TrafficShift } from './traffic-shifts.js';
