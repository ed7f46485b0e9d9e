import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { SweepResult } from '../ports/data-maintenance.js';
import { DAY_MS } from '../projects/retention-check.js';
import type { GlassboxDatabase } from '../sql/database-schema.js';
import { SqlDataMaintenance } from '../sql/sql-data-maintenance.js';
import { POSTGRES_TRAITS } from '../sql/sql-dialect-traits.js';
import {
  dayOf,
  dropSpanPartition,
  ensureSpanPartitions,
  listSpanPartitions,
  PARTITION_DAYS_AHEAD,
  projectsInPartitions,
  type SpanPartition,
} from './span-partitions.js';

/** How long a drop waits for the lock on spans before leaving it to the next sweep. */
const DROP_LOCK_TIMEOUT_MS = 1_000;

/** Day partitions whose every row has expired, oldest first, and the end of the last one. */
interface Droppable {
  partitions: { partition: SpanPartition; projects: string[] }[];
  belowMs: number;
  defaultName: string | undefined;
  /** Each project's trace retention cutoff; a project without one keeps its traces. */
  cutoffs: ReadonlyMap<string, number>;
}

/** True when every one of these projects deletes traces that started before `toMs`. */
function expiredBy(
  projects: readonly string[],
  cutoffs: ReadonlyMap<string, number>,
  toMs: number,
): boolean {
  return projects.every((id) => (cutoffs.get(id) ?? -Infinity) >= toMs);
}

/** What a sweep leaves to the partition drop: spans below `belowMs` outside the default. */
interface SweepBounds {
  belowMs: number;
  defaultName: string | undefined;
}

/**
 * PostgreSQL's data maintenance: spans are partitioned by day (migration 0026), so the sweep
 * first keeps partitions ready for the days ahead, then drops whole days in which every
 * project's traces have expired, after deleting the rows of those traces elsewhere (trace
 * summaries, search text, findings, and spans past the day's end) one bounded batch at a time.
 * Spans inside a day about to be dropped are not deleted row by row. A day holding rows of a
 * project that keeps them longer (or forever) is not dropped; its expired rows go row by row.
 *
 * @example
 * const maintenance = new PostgresDataMaintenance(db);
 * await maintenance.sweepExpired(Date.now(), 10_000);
 */
export class PostgresDataMaintenance extends SqlDataMaintenance {
  /** Set for the length of a sweep that will drop partitions. */
  private bounds: SweepBounds | undefined;
  /** The day whose partitions ahead the last sweep made sure of. */
  private readyDay: number | undefined;
  private readonly untyped: Kysely<unknown>;

  constructor(private readonly pg: Kysely<GlassboxDatabase>) {
    super(pg, POSTGRES_TRAITS);
    this.untyped = pg as Kysely<unknown>;
  }

  override async sweepExpired(nowMs: number, limit: number): Promise<SweepResult> {
    const today = dayOf(nowMs);
    if (this.readyDay !== today) {
      await this.untyped
        .transaction()
        .execute((trx) => ensureSpanPartitions(trx, today - 1, today + PARTITION_DAYS_AHEAD));
      this.readyDay = today;
    }
    const droppable = await this.findDroppable(nowMs);
    if (droppable.partitions.length > 0) {
      this.bounds = { belowMs: droppable.belowMs, defaultName: droppable.defaultName };
    }
    let result: SweepResult;
    try {
      result = await super.sweepExpired(nowMs, limit);
    } finally {
      this.bounds = undefined;
    }
    for (const { partition, projects } of droppable.partitions) {
      if (await this.tracesRemain(projects, partition.toMs)) {
        result.more = true;
        break;
      }
      const dropped = await dropSpanPartition(this.untyped, partition.name, {
        lockTimeoutMs: DROP_LOCK_TIMEOUT_MS,
        mayDrop: (held) => expiredBy(held, droppable.cutoffs, partition.toMs),
      });
      if (dropped === undefined) {
        result.more = true;
        break;
      }
      result.spansDeleted += dropped;
    }
    return result;
  }

  protected override async deleteSpans(
    trx: Transaction<GlassboxDatabase>,
    projectId: string,
    traceIds: RawBuilder<unknown>,
    sweeping: boolean,
  ): Promise<number> {
    if (!sweeping || this.bounds === undefined) {
      return super.deleteSpans(trx, projectId, traceIds, sweeping);
    }
    const { belowMs, defaultName } = this.bounds;
    // Pruned to the partitions kept; the default partition is never pruned, so its own rows
    // below the bound are deleted apart.
    const kept = await sql`delete from spans
      where project_id = ${projectId} and trace_id in ${traceIds}
      and start_ms >= ${belowMs}`.execute(trx);
    let inDefault = 0;
    if (defaultName !== undefined) {
      const { numAffectedRows } = await sql`delete from ${sql.table(defaultName)}
        where project_id = ${projectId} and trace_id in ${traceIds}
        and start_ms < ${belowMs}`.execute(trx);
      inDefault = Number(numAffectedRows ?? 0);
    }
    return Number(kept.numAffectedRows ?? 0) + inDefault;
  }

  /**
   * The oldest day partitions, in an unbroken run, in which every row belongs to a project
   * whose trace retention has passed the day's end.
   */
  private async findDroppable(nowMs: number): Promise<Droppable> {
    const policies = await this.pg
      .selectFrom('project_retention')
      .select(['project_id', 'trace_days'])
      .where('trace_days', 'is not', null)
      .execute();
    const cutoffs = new Map<string, number>();
    for (const row of policies) {
      cutoffs.set(row.project_id, nowMs - Number(row.trace_days) * DAY_MS);
    }
    const latest = Math.max(-Infinity, ...cutoffs.values());
    const { days, defaultName } = await listSpanPartitions(this.untyped);
    const droppable: Droppable = { partitions: [], belowMs: -Infinity, defaultName, cutoffs };
    const candidates = days.filter((p) => p.toMs <= latest);
    const held = await projectsInPartitions(
      this.untyped,
      candidates.map((p) => p.name),
    );
    for (const partition of candidates) {
      const projects = held.get(partition.name) ?? [];
      if (!expiredBy(projects, cutoffs, partition.toMs)) break;
      droppable.partitions.push({ partition, projects });
      droppable.belowMs = partition.toMs;
    }
    return droppable;
  }

  /** True while any of these projects still has a trace that started before `beforeMs`. */
  private async tracesRemain(projects: readonly string[], beforeMs: number): Promise<boolean> {
    if (projects.length === 0) return false;
    const row = await this.pg
      .selectFrom('traces')
      .select(sql<number>`1`.as('found'))
      .where('project_id', 'in', projects)
      .where('start_ms', '<', beforeMs)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }
}
