import type { IncidentWorkspaceStore, WorkspaceEntry } from '../ports/incident-workspace-store.js';

/** Incident workspace logs in memory; entries are copied in and out, as a database would. */
export class MemoryIncidentWorkspaceStore implements IncidentWorkspaceStore {
  private readonly logs = new Map<string, WorkspaceEntry[]>();

  async append(entry: WorkspaceEntry): Promise<boolean> {
    const key = `${entry.projectId}\u0000${entry.incidentId}`;
    const log = this.logs.get(key) ?? [];
    if (log.some((e) => e.seq === entry.seq)) return false;
    log.push(structuredClone(entry));
    log.sort((a, b) => a.seq - b.seq);
    this.logs.set(key, log);
    return true;
  }

  async listEntries(projectId: string, incidentId: string): Promise<WorkspaceEntry[]> {
    return structuredClone(this.logs.get(`${projectId}\u0000${incidentId}`) ?? []);
  }
}
