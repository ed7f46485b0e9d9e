import { sql, type Kysely } from 'kysely';
import type { WorkspaceAction } from '@glassbox/core/incidents';
import type { IncidentWorkspaceStore, WorkspaceEntry } from '../ports/incident-workspace-store.js';

interface WorkspaceRow {
  project_id: string;
  incident_id: string;
  seq: number | string;
  at_ms: number | string;
  author: string;
  action: string;
}

/**
 * The workspace log in the `incident_workspace` table (migration 0013); the primary key on
 * (project, incident, seq) makes a second append of the same number a no-op that reports it.
 *
 * @example await new SqlIncidentWorkspaceStore(db).listEntries('default', incidentId)
 */
export class SqlIncidentWorkspaceStore implements IncidentWorkspaceStore {
  constructor(private readonly db: Kysely<unknown>) {}

  async append(entry: WorkspaceEntry): Promise<boolean> {
    const { rows } = await sql<{ seq: number }>`insert into incident_workspace
      (project_id, incident_id, seq, at_ms, author, action_type, action)
      values (${entry.projectId}, ${entry.incidentId}, ${entry.seq}, ${entry.atMs}, ${entry.author},
        ${entry.action.type}, ${JSON.stringify(entry.action)})
      on conflict do nothing returning seq`.execute(this.db);
    return rows.length === 1;
  }

  async listEntries(projectId: string, incidentId: string): Promise<WorkspaceEntry[]> {
    const { rows } = await sql<WorkspaceRow>`select * from incident_workspace
      where project_id = ${projectId} and incident_id = ${incidentId}
      order by seq`.execute(this.db);
    return rows.map((row) => ({
      projectId: row.project_id,
      incidentId: row.incident_id,
      seq: Number(row.seq),
      atMs: Number(row.at_ms),
      author: row.author,
      action: JSON.parse(row.action) as WorkspaceAction,
    }));
  }
}
