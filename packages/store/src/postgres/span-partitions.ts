import { sql, type Kysely } from 'kysely';

/** One UTC day in milliseconds: the width of every spans partition. */
export const PARTITION_DAY_MS = 86_400_000;
/** Days of partitions kept ready past today, so a day's first span never lands in the default. */
export const PARTITION_DAYS_AHEAD = 3;

/** A day partition of spans: rows whose start_ms lies in [fromMs, toMs). */
export interface SpanPartition {
  name: string;
  fromMs: number;
  toMs: number;
}

/** The partitions of spans: the day partitions oldest first, and the default one if any. */
export interface SpanPartitions {
  days: SpanPartition[];
  defaultName: string | undefined;
}

/** The UTC day number (days since 1970-01-01) a time in milliseconds falls on. */
export function dayOf(ms: number): number {
  return Math.floor(ms / PARTITION_DAY_MS);
}

/** `spans_p20261206` for the day holding 2026-12-06 UTC. */
export function dayPartitionName(day: number): string {
  return `spans_p${new Date(day * PARTITION_DAY_MS).toISOString().slice(0, 10).replace(/-/g, '')}`;
}

const RANGE = /FROM \('?([-\d.e+]+)'?\) TO \('?([-\d.e+]+)'?\)/i;

/**
 * Lists the partitions of spans in the current schema from the catalog (pg_inherits).
 *
 * @example
 * const { days, defaultName } = await listSpanPartitions(db);
 */
export async function listSpanPartitions(db: Kysely<unknown>): Promise<SpanPartitions> {
  const { rows } = await sql<{ name: string; bound: string }>`select c.relname as name,
      pg_get_expr(c.relpartbound, c.oid) as bound
    from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'spans'::regclass`.execute(db);
  const days: SpanPartition[] = [];
  let defaultName: string | undefined;
  for (const { name, bound } of rows) {
    const range = RANGE.exec(bound);
    if (range) days.push({ name, fromMs: Number(range[1]), toMs: Number(range[2]) });
    else if (/^DEFAULT$/i.test(bound.trim())) defaultName = name;
  }
  days.sort((a, b) => a.fromMs - b.fromMs);
  return { days, defaultName };
}

/**
 * Makes sure a day partition of spans exists for every day in [fromDay, toDay]. Rows of such
 * a day already in the default partition move into the new one. Each partition is made as a
 * table and then attached, which locks spans less than `create table ... partition of` (SHARE
 * UPDATE EXCLUSIVE, so ingest goes on). Call it inside a transaction: concurrent callers
 * (replicas opening at once) take turns on an advisory lock.
 *
 * @example
 * await db.transaction().execute((trx) => ensureSpanPartitions(trx, today - 1, today + 3));
 */
export async function ensureSpanPartitions(
  trx: Kysely<unknown>,
  fromDay: number,
  toDay: number,
): Promise<string[]> {
  await sql`select pg_advisory_xact_lock(hashtextextended('glassbox:span-partitions', 0))`.execute(
    trx,
  );
  const { days, defaultName } = await listSpanPartitions(trx);
  const created: string[] = [];
  for (let day = fromDay; day <= toDay; day++) {
    const fromMs = day * PARTITION_DAY_MS;
    const toMs = fromMs + PARTITION_DAY_MS;
    if (days.some((p) => p.fromMs < toMs && p.toMs > fromMs)) continue;
    const name = sql.table(dayPartitionName(day));
    await sql`create table ${name} (like spans including defaults)`.execute(trx);
    if (defaultName !== undefined) {
      await sql`with moved as (delete from ${sql.table(defaultName)}
          where start_ms >= ${fromMs} and start_ms < ${toMs} returning *)
        insert into ${name} select * from moved`.execute(trx);
    }
    await sql`alter table spans attach partition ${name}
      for values from (${sql.lit(fromMs)}) to (${sql.lit(toMs)})`.execute(trx);
    created.push(dayPartitionName(day));
  }
  return created;
}

/**
 * The projects with rows in each of these partitions, by a loose scan of each one's primary
 * key index (one probe per project, not a read of every row), in one statement.
 */
export async function projectsInPartitions(
  db: Kysely<unknown>,
  names: readonly string[],
): Promise<Map<string, string[]>> {
  const projects = new Map<string, string[]>(names.map((name) => [name, []]));
  if (names.length === 0) return projects;
  const scans = names.map((name, i) => {
    const [scan, table] = [sql.id(`p${i}`), sql.table(name)];
    return sql`${scan}(id) as (
        select min(project_id) from ${table}
        union all
        select (select min(project_id) from ${table} where project_id > ${scan}.id) from ${scan}
        where ${scan}.id is not null)`;
  });
  const reads = names.map(
    (name, i) => sql`select ${name}::text as part, id from ${sql.id(`p${i}`)} where id is not null`,
  );
  const { rows } = await sql<{ part: string; id: string }>`with recursive ${sql.join(scans)}
    ${sql.join(reads, sql` union all `)}`.execute(db);
  for (const { part, id } of rows) projects.get(part)!.push(id);
  return projects;
}

/**
 * Drops one partition of spans and returns how many rows it held. Under the table lock, and
 * before dropping, `mayDrop` is asked again with the projects the partition then holds (a
 * project that keeps its rows may have written to it since it was picked). Undefined when
 * `mayDrop` refuses, or when the lock on spans could not be had within `lockTimeoutMs`
 * (dropping a partition briefly locks the whole table; waiting longer would hold up ingest
 * queued behind the drop).
 */
export async function dropSpanPartition(
  db: Kysely<unknown>,
  name: string,
  options: { lockTimeoutMs: number; mayDrop: (projects: readonly string[]) => boolean },
): Promise<number | undefined> {
  try {
    return await db.transaction().execute(async (trx) => {
      // Counted before the table lock, so the count never holds up ingest; a span written
      // to this expired day in between goes uncounted, not kept.
      const { rows } = await sql<{ n: string }>`select count(*) as n
        from ${sql.table(name)}`.execute(trx);
      await sql`select set_config('lock_timeout', ${`${options.lockTimeoutMs}ms`}, true)`.execute(
        trx,
      );
      await sql`lock table spans in access exclusive mode`.execute(trx);
      const projects = (await projectsInPartitions(trx, [name])).get(name) ?? [];
      if (!options.mayDrop(projects)) return undefined;
      await sql`drop table ${sql.table(name)}`.execute(trx);
      return Number(rows[0]?.n ?? 0);
    });
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') return undefined;
    throw error;
  }
}
