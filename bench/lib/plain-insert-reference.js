// The plain-insert reference of the ingest matrix: the same span rows (id + attributes JSON)
// a shape sends, inserted as fast as the database takes them, with nothing else around them.
// SQLite: batched prepared statements in WAL mode with the store's own pragmas. PostgreSQL:
// multi-row inserts. Only the inserts are timed.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { prng } from './llm-trace.js';
import { SHAPES } from './trace-shapes.js';

const ROWS_PER_COMMIT = 1000;

/** The rows of one request template, with fresh ids each call. */
function rowSource(shape, seed) {
  const templates = SHAPES[shape].build(prng(seed));
  let request = 0;
  return () => {
    const t = templates[request % templates.length];
    const prefix = `${request++}-`;
    return t.rows.map((row) => [prefix + row.spanId, row.attributes]);
  };
}

async function timeInserts(shape, seed, durationMs, insert) {
  const next = rowSource(shape, seed);
  let measuredMs = 0;
  let rows = 0;
  while (measuredMs < durationMs) {
    const batch = [];
    while (batch.length < ROWS_PER_COMMIT) batch.push(...next());
    const started = performance.now();
    await insert(batch);
    measuredMs += performance.now() - started;
    rows += batch.length;
  }
  return { rows, measuredMs, rowsPerSecond: rows / (measuredMs / 1000) };
}

/** Rows per second into a fresh SQLite file in `dir`, `durationMs` of insert time. */
export async function sqliteReference({ dir, shape, seed, durationMs }) {
  const db = new Database(join(dir, 'reference.db'));
  try {
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('wal_autocheckpoint = 4000');
    db.pragma('cache_size = -65536');
    db.exec('create table spans (id text primary key, attributes text not null)');
    const statement = db.prepare('insert into spans (id, attributes) values (?, ?)');
    const insertAll = db.transaction((rows) => {
      for (const row of rows) statement.run(row[0], row[1]);
    });
    return await timeInserts(shape, seed, durationMs, async (rows) => insertAll(rows));
  } finally {
    db.close();
  }
}

/** Rows per second into a fresh table of `schema` (created, then dropped with the schema). */
export async function postgresReference({ databaseUrl, schema, shape, seed, durationMs }) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`create schema "${schema}"`);
    await client.query(
      `create table "${schema}".spans (id text primary key, attributes text not null)`,
    );
    const texts = new Map();
    return await timeInserts(shape, seed, durationMs, async (rows) => {
      let text = texts.get(rows.length);
      if (!text) {
        const tuples = rows.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`);
        text = `insert into "${schema}".spans (id, attributes) values ${tuples.join(', ')}`;
        texts.set(rows.length, text);
      }
      await client.query(text, rows.flat());
    });
  } finally {
    await client.query(`drop schema if exists "${schema}" cascade`).catch(() => {});
    await client.end();
  }
}
