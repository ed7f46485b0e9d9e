import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, sql, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateTo, schemaDatabase } from '../../../test/support/migrate-to.js';
import { TEST_DATABASE_URL } from '../../../test/support/backends.js';
import { dropPostgresSchema } from '../../postgres/postgres-storage.js';

/** Rows of a trace stored before 0010, then the scoped texts 0010 fills them with. */
async function backfilled(db: Kysely<unknown>, schema?: string) {
  await migrateTo(db, '0006_guard_state', schema);
  await sql`insert into trace_texts (project_id, trace_id, input, output)
    values ('p', 't1', 'Can I get a REFUND?', 'Yes.'), ('p', 't2', null, null)`.execute(db);
  await sql`insert into trace_search (project_id, trace_id, search_text)
    values ('p', 't1', 'can i get a refund?'), ('p', 't2', '')`.execute(db);
  await migrateTo(db, '0010_scoped_search_text', schema);
  const { rows } = await sql<{ trace_id: string; input_text: string; output_text: string }>`
    select trace_id, input_text, output_text from trace_search order by trace_id`.execute(db);
  return rows;
}

const EXPECTED = [
  { trace_id: 't1', input_text: 'can i get a refund?', output_text: 'yes.' },
  { trace_id: 't2', input_text: '', output_text: '' },
];

describe('migration 0010: scoped search texts', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('fills the question and answer of traces stored before it (SQLite)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'glassbox-migration-'));
    const db = new Kysely<unknown>({
      dialect: new SqliteDialect({ database: new Database(join(dir, 'glassbox.db')) }),
    });
    cleanups.push(async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    });
    expect(await backfilled(db)).toEqual(EXPECTED);
    const { rows } = await sql<{ trace_id: string }>`select s.trace_id from trace_search s
      where s.rowid in (select rowid from trace_io_fts where trace_io_fts match '"ref" AND "und"')`.execute(
      db,
    );
    expect(rows).toEqual([{ trace_id: 't1' }]);
  });

  it('fills the question and answer of traces stored before it (PostgreSQL)', async () => {
    const schema = `migration_${process.pid}_${Date.now()}`;
    const db = await schemaDatabase(TEST_DATABASE_URL, schema);
    cleanups.push(async () => {
      await db.destroy();
      await dropPostgresSchema(TEST_DATABASE_URL, schema);
    });
    expect(await backfilled(db, schema)).toEqual(EXPECTED);
  });
});
