import type { Alert, Incident } from '@glassbox/core/detect';
import type { Kysely } from 'kysely';
import type { AlertQuery, AlertStore, IncidentQuery } from '../ports/alert-store.js';
import type { DetectionDatabase } from './detection-tables.js';

/**
 * Alerts and incidents in SQL: one JSON document each, with the columns lists filter on.
 *
 * @example
 * await new SqlAlertStore(db).listAlerts({ projectId: 'default', unresolved: true, limit: 100 });
 */
export class SqlAlertStore implements AlertStore {
  private readonly db: Kysely<DetectionDatabase>;

  constructor(db: Kysely<unknown>) {
    this.db = db as Kysely<DetectionDatabase>;
  }

  async putAlerts(alerts: readonly Alert[]): Promise<void> {
    for (const a of alerts) {
      const row = {
        project_id: a.projectId,
        id: a.id,
        status: a.status,
        opened_at_ms: a.openedAtMs,
        monitor_id: a.monitorId,
        data: JSON.stringify(a),
      };
      await this.db
        .insertInto('detection_alerts')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['project_id', 'id']).doUpdateSet({ status: row.status, data: row.data }),
        )
        .execute();
    }
  }

  async getAlert(projectId: string, id: string): Promise<Alert | undefined> {
    const row = await this.db
      .selectFrom('detection_alerts')
      .select('data')
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && (JSON.parse(row.data) as Alert);
  }

  async listAlerts(q: AlertQuery): Promise<Alert[]> {
    let query = this.db
      .selectFrom('detection_alerts')
      .select('data')
      .where('project_id', '=', q.projectId);
    if (q.status) query = query.where('status', '=', q.status);
    if (q.unresolved) query = query.where('status', '!=', 'resolved');
    if (q.monitorId) query = query.where('monitor_id', '=', q.monitorId);
    const rows = await query
      .orderBy('opened_at_ms', 'desc')
      .orderBy('id', 'desc')
      .limit(q.limit)
      .execute();
    return rows.map((r) => JSON.parse(r.data) as Alert);
  }

  async putIncident(i: Incident): Promise<void> {
    const row = {
      project_id: i.projectId,
      id: i.id,
      status: i.status,
      opened_at_ms: i.openedAtMs,
      monitor_id: null,
      data: JSON.stringify(i),
    };
    await this.db
      .insertInto('detection_incidents')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['project_id', 'id'])
          .doUpdateSet({ status: row.status, opened_at_ms: row.opened_at_ms, data: row.data }),
      )
      .execute();
  }

  async getIncident(projectId: string, id: string): Promise<Incident | undefined> {
    const row = await this.db
      .selectFrom('detection_incidents')
      .select('data')
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && (JSON.parse(row.data) as Incident);
  }

  async listIncidents(q: IncidentQuery): Promise<Incident[]> {
    let query = this.db
      .selectFrom('detection_incidents')
      .select('data')
      .where('project_id', '=', q.projectId);
    if (q.status) query = query.where('status', '=', q.status);
    const rows = await query
      .orderBy('opened_at_ms', 'desc')
      .orderBy('id', 'desc')
      .limit(q.limit)
      .execute();
    return rows.map((r) => JSON.parse(r.data) as Incident);
  }
}
