import type { IncidentSeverity } from './incident-severity.js';
import type { WorkspaceStatus } from './workspace-status.js';

/** One thing a person did in an incident's workspace. */
export type WorkspaceAction =
  | { type: 'status'; from: WorkspaceStatus; to: WorkspaceStatus; reason?: string }
  | { type: 'severity'; from: IncidentSeverity; to: IncidentSeverity }
  | { type: 'owner'; owner: string | null }
  | { type: 'note'; text: string }
  | { type: 'runbook'; itemId: string; done: boolean }
  /** A saved postmortem version (1, 2, ...); version 0 is the generated draft, never stored. */
  | { type: 'postmortem'; version: number; text: string };

export type WorkspaceActionType = WorkspaceAction['type'];

/**
 * A workspace action as stored: numbered per incident (1, 2, ...) so two people acting at
 * once cannot both build on the same state, with who did it and when. The log lives apart
 * from the incident document, which detection rewrites.
 */
export interface WorkspaceEntry {
  projectId: string;
  incidentId: string;
  seq: number;
  atMs: number;
  author: string;
  action: WorkspaceAction;
}
