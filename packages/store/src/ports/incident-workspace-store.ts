import type { WorkspaceEntry } from '@glassbox/core/incidents';

export type { WorkspaceEntry };

/**
 * What people did in each incident's workspace (status, severity, owner, notes, runbook
 * ticks, postmortem versions), as a log numbered per incident. It lives in its own table,
 * keyed by incident id, because detection rewrites the incident document on every tick.
 */
export interface IncidentWorkspaceStore {
  /**
   * Stores the entry under its `seq` unless that number is already taken for the incident:
   * false then, and the caller re-reads the log and decides again (two people acting at once
   * cannot both build on the same state).
   */
  append(entry: WorkspaceEntry): Promise<boolean>;
  /** The incident's entries, oldest first; empty for an incident nobody touched. */
  listEntries(projectId: string, incidentId: string): Promise<WorkspaceEntry[]>;
}
