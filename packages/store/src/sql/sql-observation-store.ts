import type { Observation } from '@glassbox/core/detect';
import type { Kysely } from 'kysely';
import type { ObservationQuery, ObservationStore } from '../ports/observation-store.js';
import { chunks } from './chunks.js';
import type { DetectionDatabase } from './detection-tables.js';

/** Rows per insert statement: well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

/**
 * Observations in SQL, one JSON document per (project, trace), indexed by event time.
 *
 * @example
 * await new SqlObservationStore(db).putObservations(observations);
 */
export class SqlObservationStore implements ObservationStore {
  private readonly db: Kysely<DetectionDatabase>;

  constructor(db: Kysely<unknown>) {
    this.db = db as Kysely<DetectionDatabase>;
  }

  async putObservations(observations: readonly Observation[]): Promise<void> {
    for (const part of chunks(observations, CHUNK)) {
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
}
