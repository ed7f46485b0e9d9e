import type { TraceRef } from '@glassbox/core/ingest';
import type { Kysely } from 'kysely';
import type { TraceWrites, TraceWriteUnit } from '../ports/trace-writes.js';
import type { GlassboxDatabase } from './database-schema.js';
import type { SqlDialectTraits } from './sql-dialect-traits.js';
import { sweepPendingEvents } from './sql-pending-events.js';
import { SqlTraceWriteUnit } from './sql-trace-write-unit.js';
import { indexQueuedSearchText } from './search-index-queue.js';

/**
 * TraceWrites over any Kysely SQL database: a transaction that first takes the write locks
 * of the batch's traces (see SqlDialectTraits.lockTraces), so concurrent writers of one
 * trace, on any replica, go one after the other.
 *
 * @example
 * await new SqlTraceWrites(db, POSTGRES_TRAITS).transaction(traces, (unit) => unit.write(plan));
 */
export class SqlTraceWrites implements TraceWrites {
  constructor(
    private readonly db: Kysely<GlassboxDatabase>,
    private readonly traits: SqlDialectTraits,
  ) {}

  transaction<T>(
    traces: readonly TraceRef[],
    work: (unit: TraceWriteUnit) => Promise<T>,
  ): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      await this.traits.lockTraces(trx, traces);
      return work(new SqlTraceWriteUnit(trx, this.traits));
    });
  }

  sweepPendingEvents(cutoffMs: number, limit: number): Promise<number> {
    return sweepPendingEvents(this.db, this.traits, cutoffMs, limit);
  }

  async indexQueuedSearchText(limit: number): Promise<number> {
    // PostgreSQL's trigram indexes are maintained by the write itself.
    return this.traits.name === 'sqlite' ? indexQueuedSearchText(this.db, limit) : 0;
  }
}
