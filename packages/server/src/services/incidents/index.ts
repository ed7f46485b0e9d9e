export {
  gatherPostmortemEvidence,
  IncidentNotFound,
  MAX_POSTMORTEM_TRACES,
} from './gather-postmortem-evidence.js';
export type { PostmortemPorts } from './gather-postmortem-evidence.js';
export { postmortemOf } from './postmortem-of.js';
export {
  applyWorkspaceChange,
  incidentTimeline,
  loadWorkspace,
  WorkspaceBusy,
  workspacePortsOf,
  workspaceView,
} from './incident-workspace.js';
export type { WorkspacePorts } from './incident-workspace.js';
export { postmortemVersion } from './postmortem-versions.js';
export type { PostmortemVersion } from './postmortem-versions.js';
export { runIncidentEval } from './incident-eval.js';
export type { IncidentEvalPorts, IncidentEvalRequest } from './incident-eval.js';
export { IncidentEvalRefused } from './incident-eval-refused.js';
