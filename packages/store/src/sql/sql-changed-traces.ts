import type { TraceRef } from '@glassbox/core/ingest';
import type { Kysely } from 'kysely';
import type { ChangedTraceQueue, ClaimOptions } from '../ports/changed-trace-queue.js';
import type { DetectionDatabase } from './detection-tables.js';

/**
 * The changed-trace queue in SQL: triggers on `traces` fill `detection_changes` in the
 * writing transaction; claiming deletes what it takes.
 *
 * @example
 * const refs = await new SqlChangedTraces(db).claimChangedTraces({ limit: 500, quietBeforeMs });
 */
export class SqlChangedTraces implements ChangedTraceQueue {
  private readonly db: Kysely<DetectionDatabase>;

  constructor(db: Kysely<unknown>) {
    this.db = db as Kysely<DetectionDatabase>;
  }

  async claimChangedTraces(options: ClaimOptions): Promise<TraceRef[]> {
    const { quietBeforeMs, queuedBeforeMs } = options;
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('detection_changes')
        .selectAll()
        .where((eb) =>
          queuedBeforeMs === undefined
            ? eb('changed_at_ms', '<=', quietBeforeMs)
            : eb.or([
                eb('changed_at_ms', '<=', quietBeforeMs),
                eb('first_changed_at_ms', '<=', queuedBeforeMs),
              ]),
        )
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
}
