import type { MonitorProgress } from '@glassbox/core/detect';
import type { Kysely } from 'kysely';
import type { MonitorStore, StoredMonitor } from '../ports/monitor-store.js';
import type { DetectionDatabase } from './detection-tables.js';

/**
 * Monitors in SQL: the definition and the progress as JSON text.
 *
 * @example
 * await new SqlMonitorStore(db).listMonitors('default');
 */
export class SqlMonitorStore implements MonitorStore {
  private readonly db: Kysely<DetectionDatabase>;

  constructor(db: Kysely<unknown>) {
    this.db = db as Kysely<DetectionDatabase>;
  }

  async listMonitors(projectId: string): Promise<StoredMonitor[]> {
    const rows = await this.db
      .selectFrom('detection_monitors')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('id')
      .execute();
    return rows.map(toMonitor);
  }

  async getMonitor(projectId: string, id: string): Promise<StoredMonitor | undefined> {
    const row = await this.db
      .selectFrom('detection_monitors')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toMonitor(row);
  }

  async putMonitor(m: Omit<StoredMonitor, 'progress'>): Promise<void> {
    const row = {
      project_id: m.projectId,
      id: m.definition.id,
      definition: JSON.stringify(m.definition),
      origin: m.origin,
      progress: null,
      updated_at_ms: m.updatedAtMs,
    };
    await this.db
      .insertInto('detection_monitors')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['project_id', 'id']).doUpdateSet({
          definition: row.definition,
          origin: row.origin,
          progress: null,
          updated_at_ms: row.updated_at_ms,
        }),
      )
      .execute();
  }

  async saveMonitorProgress(
    projectId: string,
    id: string,
    progress: MonitorProgress,
  ): Promise<void> {
    await this.db
      .updateTable('detection_monitors')
      .set({ progress: JSON.stringify(progress) })
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .execute();
  }

  async deleteMonitor(projectId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('detection_monitors')
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function toMonitor(row: DetectionDatabase['detection_monitors']): StoredMonitor {
  return {
    projectId: row.project_id,
    definition: JSON.parse(row.definition) as StoredMonitor['definition'],
    origin: row.origin as StoredMonitor['origin'],
    progress: row.progress === null ? null : (JSON.parse(row.progress) as MonitorProgress),
    updatedAtMs: row.updated_at_ms,
  };
}
