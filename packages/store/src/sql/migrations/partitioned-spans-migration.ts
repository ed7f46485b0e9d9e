import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';
import {
  dayOf,
  ensureSpanPartitions,
  PARTITION_DAYS_AHEAD,
} from '../../postgres/span-partitions.js';

/** Days back from today that get their own partition when existing rows are moved. */
const MIGRATED_DAYS_BACK = 400;

/**
 * On PostgreSQL, spans become a table range-partitioned by day of start_ms, so retention
 * drops a whole expired day instead of deleting its rows one by one (0026). A span's start
 * never changes, so its row never moves between partitions; the partition key joins the
 * primary key, which PostgreSQL requires. Existing rows move inside this migration's
 * transaction: the old table is renamed, the partitioned one created, every day holding rows
 * (up to MIGRATED_DAYS_BACK days ago) and the next few days get a partition, the rows are
 * copied, the old table dropped. A default partition takes any row whose day has none, so
 * no insert can fail for want of a partition. SQLite keeps its one table.
 */
export const partitionedSpansMigration: Migration = {
  async up(db: Kysely<unknown>) {
    if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
    await sql`alter table spans rename to spans_unpartitioned`.execute(db);
    await sql`alter table spans_unpartitioned rename constraint spans_pk to spans_unpartitioned_pk`.execute(
      db,
    );
    await sql`create table spans (like spans_unpartitioned including defaults)
      partition by range (start_ms)`.execute(db);
    await sql`alter table spans add constraint spans_pk
      primary key (project_id, trace_id, span_id, start_ms)`.execute(db);
    await sql`create table spans_default partition of spans default`.execute(db);

    const today = dayOf(Date.now());
    const { rows } = await sql<{ day: string }>`select distinct floor(start_ms / 86400000) as day
      from spans_unpartitioned`.execute(db);
    const days = rows
      .map((r) => Number(r.day))
      .filter((day) => day >= today - MIGRATED_DAYS_BACK && day <= today + PARTITION_DAYS_AHEAD);
    for (const day of days) await ensureSpanPartitions(db, day, day);
    await ensureSpanPartitions(db, today - 1, today + PARTITION_DAYS_AHEAD);

    await sql`insert into spans select * from spans_unpartitioned`.execute(db);
    await sql`drop table spans_unpartitioned`.execute(db);
  },
};
