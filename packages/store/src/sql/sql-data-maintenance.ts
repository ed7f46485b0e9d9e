import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type {
  DataMaintenance,
  DeletionResult,
  DeletionSelector,
  ProjectUsage,
  Retention,
  StorageProbe,
  SweepResult,
} from '../ports/data-maintenance.js';
import { checkRetention, checkSelector, DAY_MS } from '../projects/retention-check.js';
import { chunks } from './chunks.js';
import { unlinkRunOutcomes } from './sql-run-trace-links.js';
import type { GlassboxDatabase } from './database-schema.js';
import type { DetectionDatabase } from './detection-tables.js';
import type { SqlDialectTraits } from './sql-dialect-traits.js';

type Db = GlassboxDatabase &
  Pick<DetectionDatabase, 'detection_changes' | 'detection_observations'> & {
    replay_runs: { project_id: string; trace_id: string };
    eval_online_scores: { project_id: string; trace_id: string };
    eval_review_items: { project_id: string; trace_id: string };
    eval_review_labels: { project_id: string; trace_id: string };
    eval_run_traces: { project_id: string; trace_id: string };
  };

/** Every table that holds rows of a trace, keyed by (project_id, trace_id). */
const TRACE_TABLES = [
  'spans',
  'traces',
  'trace_texts',
  'trace_search',
  'findings',
  'pending_span_events',
  'detection_changes',
  'detection_observations',
  'replay_runs',
  'eval_online_scores',
  'eval_review_items',
  'eval_review_labels',
  'eval_run_traces',
] as const;

/** The ids of the traces one deletion removes, as a subquery over its temporary table. */
const DELETION_BATCH = sql`(select trace_id from deletion_batch)`;

/** Puts `traceIds` into the connection's temporary `deletion_batch` table, created if new. */
async function fillDeletionBatch(
  trx: Transaction<Db>,
  traits: SqlDialectTraits,
  traceIds: readonly string[],
): Promise<void> {
  // PostgreSQL empties it at commit; SQLite's is emptied by the deletion that filled it.
  const onCommit = traits.name === 'postgres' ? sql` on commit delete rows` : sql``;
  await sql`create temp table if not exists deletion_batch (trace_id text primary key)${onCommit}`.execute(
    trx,
  );
  await sql`delete from deletion_batch`.execute(trx);
  for (const ids of chunks([...new Set(traceIds)], 5_000)) {
    await sql`insert into deletion_batch (trace_id) values ${sql.join(ids.map((id) => sql`(${id})`))}`.execute(
      trx,
    );
  }
}

/** Span columns that hold what people typed and models answered; metrics stay. */
const CLEARED_SPAN_CONTENT = {
  input: null,
  output: null,
  retrieval_query: null,
  input_messages: '[]',
  output_messages: '[]',
  tool_definitions: '[]',
  documents: '[]',
  events: '[]',
  attributes: '{}',
} as const;

/**
 * Deletion, retention and the figures health reports, over any Kysely SQL database.
 *
 * @example
 * await new SqlDataMaintenance(db, SQLITE_TRAITS).deleteTraces('default', { userId: 'u-42' });
 */
export class SqlDataMaintenance implements DataMaintenance {
  private readonly db: Kysely<Db>;

  constructor(
    db: Kysely<GlassboxDatabase>,
    private readonly traits: SqlDialectTraits,
  ) {
    this.db = db as unknown as Kysely<Db>;
  }

  async deleteTraces(projectId: string, selector: DeletionSelector): Promise<DeletionResult> {
    const { column, value } = checkSelector(selector);
    return this.db.transaction().execute(async (trx) => {
      const ids =
        column === 'trace_id'
          ? [value]
          : (
              await trx
                .selectFrom('traces')
                .select('trace_id')
                .where('project_id', '=', projectId)
                .where(column, '=', value)
                .execute()
            ).map((r) => r.trace_id);
      return this.deleteIn(trx, projectId, ids);
    });
  }

  /**
   * Deletes the traces set-based: their ids go into a temporary table once, then one
   * statement per table deletes `where trace_id in (select ... from deletion_batch)`, instead
   * of binding thousands of ids into every statement.
   */
  private async deleteIn(
    trx: Transaction<Db>,
    projectId: string,
    traceIds: readonly string[],
    sweeping = false,
  ): Promise<DeletionResult> {
    const result = { traces: 0, spans: 0 };
    if (traceIds.length === 0) return result;
    await this.traits.lockTraces(
      trx as unknown as Transaction<GlassboxDatabase>,
      traceIds.map((traceId) => ({ projectId, traceId })),
    );
    await fillDeletionBatch(trx, this.traits, traceIds);
    await unlinkRunOutcomes(trx as unknown as Transaction<unknown>, projectId, DELETION_BATCH);
    for (const table of TRACE_TABLES) {
      if (table === 'spans') {
        result.spans += await this.deleteSpans(
          trx as unknown as Transaction<GlassboxDatabase>,
          projectId,
          DELETION_BATCH,
          sweeping,
        );
        continue;
      }
      const deleted = await sql`delete from ${sql.table(table)}
        where project_id = ${projectId} and trace_id in ${DELETION_BATCH}`.execute(trx);
      if (table === 'traces') result.traces += Number(deleted.numAffectedRows ?? 0);
    }
    await sql`delete from deletion_batch`.execute(trx);
    return result;
  }

  /**
   * Deletes the spans of the traces `traceIds` selects (a subquery) and counts them. `sweeping` says the retention sweep
   * asks, where a backend may leave spans it is about to drop in bulk.
   */
  protected async deleteSpans(
    trx: Transaction<GlassboxDatabase>,
    projectId: string,
    traceIds: RawBuilder<unknown>,
    sweeping: boolean,
  ): Promise<number> {
    void sweeping;
    const deleted = await sql`delete from spans
      where project_id = ${projectId} and trace_id in ${traceIds}`.execute(trx);
    return Number(deleted.numAffectedRows ?? 0);
  }

  async getRetention(projectId: string): Promise<Retention> {
    const row = await this.db
      .selectFrom('project_retention')
      .select(['trace_days', 'content_days'])
      .where('project_id', '=', projectId)
      .executeTakeFirst();
    return { traceDays: row?.trace_days ?? null, contentDays: row?.content_days ?? null };
  }

  async setRetention(projectId: string, retention: Retention): Promise<void> {
    const { traceDays, contentDays } = checkRetention(retention);
    const updated_at_ms = Date.now();
    await this.db
      .insertInto('project_retention')
      .values({
        project_id: projectId,
        trace_days: traceDays,
        content_days: contentDays,
        content_cleared_before_ms: 0,
        updated_at_ms,
      })
      .onConflict((oc) =>
        oc
          .column('project_id')
          .doUpdateSet({ trace_days: traceDays, content_days: contentDays, updated_at_ms }),
      )
      .execute();
  }

  async sweepExpired(nowMs: number, limit: number): Promise<SweepResult> {
    const result: SweepResult = {
      tracesDeleted: 0,
      spansDeleted: 0,
      tracesCleared: 0,
      more: false,
    };
    const policies = await this.db.selectFrom('project_retention').selectAll().execute();
    for (const policy of policies) {
      if (policy.trace_days !== null) {
        const budget = limit - result.tracesDeleted;
        if (budget <= 0) {
          result.more = true;
          break;
        }
        const cutoff = nowMs - Number(policy.trace_days) * DAY_MS;
        const deleted = await this.db.transaction().execute(async (trx) => {
          const ids = await trx
            .selectFrom('traces')
            .select('trace_id')
            .where('project_id', '=', policy.project_id)
            .where('start_ms', '<', cutoff)
            .orderBy('start_ms')
            .limit(budget + 1)
            .execute();
          if (ids.length > budget) result.more = true;
          const chosen = ids.slice(0, budget).map((r) => r.trace_id);
          return this.deleteIn(trx, policy.project_id, chosen, true);
        });
        result.tracesDeleted += deleted.traces;
        result.spansDeleted += deleted.spans;
      }
      if (policy.content_days !== null) {
        const budget = limit - result.tracesCleared;
        if (budget <= 0) {
          result.more = true;
          continue;
        }
        const cutoff = nowMs - Number(policy.content_days) * DAY_MS;
        result.tracesCleared += await this.clearContent(
          policy.project_id,
          Number(policy.content_cleared_before_ms),
          cutoff,
          budget,
          result,
        );
      }
    }
    return result;
  }

  /** Clears the content of traces that started in [from, cutoff), oldest first, then moves the mark. */
  private async clearContent(
    projectId: string,
    from: number,
    cutoff: number,
    budget: number,
    result: SweepResult,
  ): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('traces')
        .select(['trace_id', 'start_ms'])
        .where('project_id', '=', projectId)
        .where('start_ms', '>=', from)
        .where('start_ms', '<', cutoff)
        .orderBy('start_ms')
        .limit(budget + 1)
        .execute();
      const chosen = rows.slice(0, budget);
      const full = rows.length > budget;
      if (full) result.more = true;
      for (const ids of chunks(
        chosen.map((r) => r.trace_id),
        5_000,
      )) {
        await trx
          .updateTable('spans')
          .set(CLEARED_SPAN_CONTENT)
          .where('project_id', '=', projectId)
          .where('trace_id', 'in', ids)
          .execute();
        await trx
          .updateTable('trace_texts')
          .set({ input: null, output: null })
          .where('project_id', '=', projectId)
          .where('trace_id', 'in', ids)
          .execute();
        await trx
          .updateTable('trace_search')
          .set({ search_text: '', input_text: '', output_text: '' })
          .where('project_id', '=', projectId)
          .where('trace_id', 'in', ids)
          .execute();
      }
      // The next run starts where this one stopped; a full batch may end mid-millisecond, so
      // that millisecond is cleared again (clearing is idempotent).
      const mark = full ? Number(chosen[chosen.length - 1]?.start_ms ?? from) : cutoff;
      await trx
        .updateTable('project_retention')
        .set({ content_cleared_before_ms: Math.max(mark, from) })
        .where('project_id', '=', projectId)
        .execute();
      return chosen.length;
    });
  }

  async usage(projectId: string): Promise<ProjectUsage> {
    const traces = await this.db
      .selectFrom('traces')
      .select((eb) => [
        eb.fn.countAll<number>().as('traces'),
        eb.fn.coalesce(eb.fn.sum<number>('span_count'), sql<number>`0`).as('spans'),
      ])
      .where('project_id', '=', projectId)
      .executeTakeFirstOrThrow();
    const content = await sql<{ bytes: number | null }>`select sum(
        coalesce(length(input), 0) + coalesce(length(output), 0) + length(input_messages) +
        length(output_messages) + length(documents) + length(attributes) + length(events)) as bytes
      from spans where project_id = ${projectId}`.execute(this.db);
    return {
      projectId,
      traces: Number(traces.traces),
      spans: Number(traces.spans),
      contentBytes: Number(content.rows[0]?.bytes ?? 0),
    };
  }

  async databaseBytes(): Promise<number | null> {
    const query =
      this.traits.name === 'sqlite'
        ? sql<{ bytes: number }>`select page_count * page_size as bytes
            from pragma_page_count(), pragma_page_size()`
        : sql<{ bytes: number }>`select coalesce(sum(pg_total_relation_size(c.oid)), 0) as bytes
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = current_schema() and c.relkind = 'r'`;
    const { rows } = await query.execute(this.db);
    return Number(rows[0]?.bytes ?? 0);
  }

  async probe(nowMs: number): Promise<StorageProbe> {
    try {
      await sql`select 1`.execute(this.db);
    } catch (error) {
      return { reachable: false, writable: false, error: messageOf(error) };
    }
    try {
      await this.db
        .insertInto('health_probe')
        .values({ name: 'health', at_ms: nowMs })
        .onConflict((oc) => oc.column('name').doUpdateSet({ at_ms: nowMs }))
        .execute();
      return { reachable: true, writable: true };
    } catch (error) {
      return { reachable: true, writable: false, error: messageOf(error) };
    }
  }

  async detectionBacklog(): Promise<{ count: number; oldestMs: number | null }> {
    const row = await this.db
      .selectFrom('detection_changes')
      .select((eb) => [
        eb.fn.countAll<number>().as('count'),
        eb.fn.min('changed_at_ms').as('oldest'),
      ])
      .executeTakeFirstOrThrow();
    return {
      count: Number(row.count),
      oldestMs: row.oldest === null || row.oldest === undefined ? null : Number(row.oldest),
    };
  }
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0]);
  return error instanceof Error ? error.message || error.name : String(error);
}
