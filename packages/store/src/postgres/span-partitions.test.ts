import { randomBytes } from 'node:crypto';
import type { Span } from '@glassbox/core/model';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../../test/support/backends.js';
import { migrateTo, schemaDatabase } from '../../test/support/migrate-to.js';
import { makeSpan, testId } from '../../test/support/span-factory.js';
import type { Storage } from '../storage.js';
import { dropPostgresSchema, openPostgresStorage } from './postgres-storage.js';
import {
  dayOf,
  dayPartitionName,
  dropSpanPartition,
  ensureSpanPartitions,
  PARTITION_DAY_MS as DAY,
} from './span-partitions.js';

const HOUR = 3_600_000;
const today = dayOf(Date.now());

describe('PostgreSQL spans partitioned by day', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A fresh schema: its storage, and a connection that reads the catalog. */
  async function open(): Promise<{ storage: Storage; db: Kysely<unknown>; schema: string }> {
    const schema = `partition_${randomBytes(6).toString('hex')}`;
    const db = await schemaDatabase(TEST_DATABASE_URL, schema);
    cleanups.push(() => dropPostgresSchema(TEST_DATABASE_URL, schema));
    cleanups.push(() => db.destroy());
    const storage = await openPostgresStorage({ url: TEST_DATABASE_URL, schema });
    cleanups.push(() => storage.close());
    return { storage, db, schema };
  }

  /** Which table each span row is stored in, by span id. */
  async function placement(db: Kysely<unknown>): Promise<Record<string, string>> {
    const { rows } = await sql<{ span_id: string; part: string }>`
      select span_id, tableoid::regclass::text as part from spans`.execute(db);
    return Object.fromEntries(rows.map((r) => [r.span_id, r.part.replace(/^.*\./, '')]));
  }

  async function partitionNames(db: Kysely<unknown>): Promise<string[]> {
    const { rows } = await sql<{ name: string }>`select c.relname as name
      from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'spans'::regclass order by 1`.execute(db);
    return rows.map((r) => r.name);
  }

  function trace(startMs: number, fields: Partial<Span> = {}, offsets = [0, 60_000]): Span[] {
    const traceId = testId(32);
    return offsets.map((offset, i) =>
      makeSpan({
        traceId,
        spanId: testId(16),
        startMs: startMs + offset,
        input: `q${i}`,
        ...fields,
      }),
    );
  }

  it('puts each span in the partition of its start day, and any other day in the default', async () => {
    const { storage, db } = await open();
    expect(await partitionNames(db)).toEqual(
      [...[-1, 0, 1, 2, 3].map((d) => dayPartitionName(today + d)), 'spans_default'].sort(),
    );
    const [a, b] = trace(today * DAY + HOUR, {}, [0, DAY]);
    const old = makeSpan({ startMs: (today - 30) * DAY });
    const future = makeSpan({ startMs: (today + 10) * DAY + HOUR });
    await storage.traces.writeSpans([a!, b!, old, future]);
    expect(await placement(db)).toEqual({
      [a!.spanId]: dayPartitionName(today),
      [b!.spanId]: dayPartitionName(today + 1),
      [old.spanId]: 'spans_default',
      [future.spanId]: 'spans_default',
    });

    // Writing a span again updates its row in place: the upsert conflicts on the new key.
    await storage.traces.writeSpans([{ ...a!, output: 'again' }]);
    const { rows } = await sql<{ n: string }>`select count(*) as n from spans`.execute(db);
    expect(Number(rows[0]!.n)).toBe(4);
    expect((await storage.traces.getSpan('default', a!.traceId, a!.spanId))?.output).toBe('again');

    // A day that gets its partition later takes its rows out of the default.
    await db.transaction().execute((trx) => ensureSpanPartitions(trx, today + 10, today + 10));
    expect((await placement(db))[future.spanId]).toBe(dayPartitionName(today + 10));
    expect((await placement(db))[old.spanId]).toBe('spans_default');
  });

  it('drops a day whose traces all expired, deleting row by row only past its end', async () => {
    const { storage, db } = await open();
    const expired = trace(today * DAY + HOUR);
    // Starts before midnight, its second span after: that span is in the next day's partition.
    const straddling = trace((today + 1) * DAY - 1_000, {}, [0, 2_000]);
    const fresh = trace((today + 3) * DAY + HOUR);
    await storage.traces.writeSpans([...expired, ...straddling, ...fresh]);
    await storage.maintenance.setRetention('default', { traceDays: 1, contentDays: null });

    const now = (today + 2) * DAY + 2 * HOUR;
    const result = await storage.maintenance.sweepExpired(now, 100);
    expect(result).toMatchObject({ tracesDeleted: 2, spansDeleted: 4, more: false });
    const names = await partitionNames(db);
    expect(names).not.toContain(dayPartitionName(today - 1));
    expect(names).not.toContain(dayPartitionName(today));
    expect(names).toContain(dayPartitionName(today + 1));
    // The sweep keeps partitions ready for the days after its own `now`.
    expect(names).toContain(dayPartitionName(today + 2 + 3));
    const left = await placement(db);
    expect(Object.keys(left).sort()).toEqual(fresh.map((s) => s.spanId).sort());
    expect(await storage.traces.getTrace('default', straddling[0]!.traceId)).toBeUndefined();
    expect(await storage.traces.getTrace('default', fresh[0]!.traceId)).toBeDefined();
  });

  it('keeps a day with a project that keeps traces longer, and deletes its expired rows', async () => {
    const { storage, db } = await open();
    const expired = trace(today * DAY + HOUR);
    const kept = trace(today * DAY + 2 * HOUR, { projectId: 'other' });
    await storage.traces.writeSpans([...expired, ...kept]);
    await storage.maintenance.setRetention('default', { traceDays: 1, contentDays: null });

    const result = await storage.maintenance.sweepExpired((today + 3) * DAY, 100);
    expect(result).toMatchObject({ tracesDeleted: 1, spansDeleted: 2, more: false });
    expect(await partitionNames(db)).toContain(dayPartitionName(today));
    expect(Object.keys(await placement(db)).sort()).toEqual(kept.map((s) => s.spanId).sort());
  });

  it('asks again under the table lock which projects a partition holds before dropping it', async () => {
    const { storage, db } = await open();
    await storage.traces.writeSpans([
      ...trace(today * DAY + HOUR),
      ...trace(today * DAY + HOUR, { projectId: 'other' }),
    ]);
    const asked: (readonly string[])[] = [];
    const refused = await dropSpanPartition(db, dayPartitionName(today), {
      lockTimeoutMs: 1_000,
      mayDrop: (projects) => (asked.push(projects), false),
    });
    expect(refused).toBeUndefined();
    expect(asked).toEqual([['default', 'other']]);
    expect(await partitionNames(db)).toContain(dayPartitionName(today));
    const dropped = await dropSpanPartition(db, dayPartitionName(today), {
      lockTimeoutMs: 1_000,
      mayDrop: () => true,
    });
    expect(dropped).toBe(4);
    expect(await partitionNames(db)).not.toContain(dayPartitionName(today));
  });

  it('leaves a day with more expired traces than one sweep deletes for a later sweep', async () => {
    const { storage, db } = await open();
    const traces = [1, 2, 3].map((i) => trace(today * DAY + i * HOUR));
    await storage.traces.writeSpans(traces.flat());
    await storage.maintenance.setRetention('default', { traceDays: 1, contentDays: null });

    const now = (today + 3) * DAY;
    const first = await storage.maintenance.sweepExpired(now, 2);
    expect(first).toMatchObject({ tracesDeleted: 2, more: true });
    expect(await partitionNames(db)).toContain(dayPartitionName(today));
    const second = await storage.maintenance.sweepExpired(now, 2);
    expect(second).toMatchObject({ tracesDeleted: 1, spansDeleted: 6, more: false });
    expect(await partitionNames(db)).not.toContain(dayPartitionName(today));
    expect(await placement(db)).toEqual({});
  });

  it('deletes a user across partitions and the default', async () => {
    const { storage, db } = await open();
    const days = [-1, 0, 1, -400];
    const alice = days.map((d) => trace((today + d) * DAY + HOUR, { userId: 'alice' }));
    const bob = trace(today * DAY + HOUR, { userId: 'bob' });
    await storage.traces.writeSpans([...alice.flat(), ...bob]);
    expect(new Set(Object.values(await placement(db))).size).toBe(4);

    expect(await storage.maintenance.deleteTraces('default', { userId: 'alice' })).toEqual({
      traces: 4,
      spans: 8,
    });
    expect(Object.keys(await placement(db)).sort()).toEqual(bob.map((s) => s.spanId).sort());
  });

  it('migrates an unpartitioned spans table and keeps every row', async () => {
    const schema = `partition_${randomBytes(6).toString('hex')}`;
    const db = await schemaDatabase(TEST_DATABASE_URL, schema);
    cleanups.push(() => dropPostgresSchema(TEST_DATABASE_URL, schema));
    cleanups.push(() => db.destroy());
    await migrateTo(db, '0024_contentless_search_index', schema);
    const starts = { recent: (today - 10) * DAY + HOUR, today: today * DAY, ancient: 0 };
    for (const [spanId, start] of Object.entries(starts)) {
      await sql`insert into spans (project_id, trace_id, span_id, name, kind, start_ns, end_ns,
          start_ms, duration_ms, status, input)
        values ('default', 't1', ${spanId}, 'step', 'span', '0', '0', ${start}, 1, 'unset',
          ${`kept ${spanId}`})`.execute(db);
    }

    const storage = await openPostgresStorage({ url: TEST_DATABASE_URL, schema });
    cleanups.push(() => storage.close());
    expect(await placement(db)).toEqual({
      recent: dayPartitionName(today - 10),
      today: dayPartitionName(today),
      ancient: 'spans_default',
    });
    for (const spanId of Object.keys(starts)) {
      const span = await storage.traces.getSpan('default', 't1', spanId);
      expect(span?.input).toBe(`kept ${spanId}`);
    }
    const { rows } = await sql<{ column_name: string }>`select a.attname as column_name
      from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indrelid = 'spans'::regclass and i.indisprimary order by a.attnum`.execute(db);
    expect(rows.map((r) => r.column_name)).toEqual([
      'project_id',
      'trace_id',
      'span_id',
      'start_ms',
    ]);
  });
});
