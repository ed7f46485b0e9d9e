import type { Alert, Incident, MonitorProgress, Observation } from '@glassbox/core/detect';
import type { Kysely } from 'kysely';
import type {
  AlertQuery,
  DetectionStore,
  IncidentQuery,
  ObservationQuery,
  StoredMonitor,
  TraceRef,
} from './detection-store.js';
import type { DetectionDatabase } from './detection-tables.js';

/** Rows per insert statement: well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * DetectionStore over SQLite or PostgreSQL through Kysely: one schema, the same queries.
 *
 * @example
 * const detection = new SqlDetectionStore(db);
 * await detection.acquireLease('detection', replicaId, 15_000, Date.now());
 */
export class SqlDetectionStore implements DetectionStore {
  private readonly db: Kysely<DetectionDatabase>;

  constructor(db: Kysely<unknown>) {
    this.db = db as Kysely<DetectionDatabase>;
  }

  async claimChangedTraces(options: { limit: number; quietBeforeMs: number }): Promise<TraceRef[]> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('detection_changes')
        .selectAll()
        .where('changed_at_ms', '<=', options.quietBeforeMs)
        .orderBy('changed_at_ms')
        .limit(options.limit)
        .execute();
      // Only rows this transaction deleted are ours: a concurrent claimer gets the others.
      const claimed: TraceRef[] = [];
      for (const r of rows) {
        const result = await trx
          .deleteFrom('detection_changes')
          .where('project_id', '=', r.project_id)
          .where('trace_id', '=', r.trace_id)
          .where('changed_at_ms', '=', r.changed_at_ms)
          .executeTakeFirst();
        if (Number(result.numDeletedRows) > 0)
          claimed.push({ projectId: r.project_id, traceId: r.trace_id });
      }
      return claimed;
    });
  }

  async putObservations(observations: readonly Observation[]): Promise<void> {
    for (const part of chunks(observations)) {
      await this.db
        .insertInto('detection_observations')
        .values(
          part.map((o) => ({
            project_id: o.projectId,
            trace_id: o.traceId,
            event_ms: o.eventMs,
            data: JSON.stringify(o),
          })),
        )
        .onConflict((oc) =>
          oc.columns(['project_id', 'trace_id']).doUpdateSet((eb) => ({
            event_ms: eb.ref('excluded.event_ms'),
            data: eb.ref('excluded.data'),
          })),
        )
        .execute();
    }
  }

  async listObservations(q: ObservationQuery): Promise<Observation[]> {
    let query = this.db
      .selectFrom('detection_observations')
      .select('data')
      .where('project_id', '=', q.projectId);
    if (q.from !== undefined) query = query.where('event_ms', '>=', q.from);
    if (q.to !== undefined) query = query.where('event_ms', '<', q.to);
    const after = q.after;
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb('event_ms', '>', after.ms),
          eb.and([eb('event_ms', '=', after.ms), eb('trace_id', '>', after.traceId)]),
        ]),
      );
    }
    const rows = await query.orderBy('event_ms').orderBy('trace_id').limit(q.limit).execute();
    return rows.map((r) => JSON.parse(r.data) as Observation);
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

  async acquireLease(name: string, holder: string, ttlMs: number, nowMs: number): Promise<boolean> {
    const row = await this.db
      .insertInto('detection_leases')
      .values({ name, holder, expires_at_ms: nowMs + ttlMs })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet((eb) => ({
            holder: eb.ref('excluded.holder'),
            expires_at_ms: eb.ref('excluded.expires_at_ms'),
          }))
          .where((eb) =>
            eb.or([
              eb('detection_leases.expires_at_ms', '<', nowMs),
              eb('detection_leases.holder', '=', holder),
            ]),
          ),
      )
      .returning('holder')
      .executeTakeFirst();
    return row?.holder === holder;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.db
      .deleteFrom('detection_leases')
      .where('name', '=', name)
      .where('holder', '=', holder)
      .execute();
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
