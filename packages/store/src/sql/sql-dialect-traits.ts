import { sql, type Expression, type RawBuilder, type Transaction } from 'kysely';
import type { GlassboxDatabase } from './database-schema.js';

/** The few things that differ between the SQL databases behind the shared queries. */
export interface SqlDialectTraits {
  readonly name: 'sqlite' | 'postgres';
  /** Most bound parameters one statement may carry. */
  readonly maxParameters: number;
  /** The primary key of spans, which an upsert of spans conflicts on. */
  readonly spanKey: readonly string[];
  /** True when `needle` occurs in `haystack`, case-sensitively, with no wildcard meaning. */
  contains(haystack: Expression<string>, needle: string): RawBuilder<boolean>;
  /** Serializes concurrent writers of the same traces until the transaction ends. */
  lockTraces(
    trx: Transaction<GlassboxDatabase>,
    traces: readonly { projectId: string; traceId: string }[],
  ): Promise<void>;
  /**
   * The statement that serializes transactions taking the same `key` until they end, or
   * undefined where transactions are already serial (SQLite's single writer).
   */
  lockKey(key: string): RawBuilder<unknown> | undefined;
}

export const SQLITE_TRAITS: SqlDialectTraits = {
  name: 'sqlite',
  maxParameters: 32_766,
  spanKey: ['project_id', 'trace_id', 'span_id'],
  contains: (haystack, needle) => sql<boolean>`instr(${haystack}, ${needle}) > 0`,
  // SQLite has one writer at a time; the write transaction already excludes the others.
  lockTraces: async () => {},
  lockKey: () => undefined,
};

export const POSTGRES_TRAITS: SqlDialectTraits = {
  name: 'postgres',
  maxParameters: 65_535,
  // Spans are partitioned by start_ms, which every unique key must then hold (migration 0026).
  spanKey: ['project_id', 'trace_id', 'span_id', 'start_ms'],
  contains: (haystack, needle) => sql<boolean>`strpos(${haystack}, ${needle}) > 0`,
  async lockTraces(trx, traces) {
    if (traces.length === 0) return;
    const keys = traces.map((t) => JSON.stringify([t.projectId, t.traceId]));
    // Sorted so two writers of overlapping traces take the locks in one order and never deadlock.
    await sql`select pg_advisory_xact_lock(h) from (
        select distinct hashtextextended(k, 0) as h from unnest(${keys}::text[]) as k
        order by h) as locks`.execute(trx);
  },
  lockKey: (key) => sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`,
};
