import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { GlassboxDatabase } from '../sql/database-schema.js';
import { migrateToLatest } from '../sql/migrations.js';
import { POSTGRES_TRAITS } from '../sql/sql-dialect-traits.js';
import { PostgresDataMaintenance } from './postgres-data-maintenance.js';
import { dayOf, ensureSpanPartitions, PARTITION_DAYS_AHEAD } from './span-partitions.js';
import { sqlStorage } from '../sql/sql-storage.js';
import type { Storage } from '../storage.js';
import { StoreError } from '../store-error.js';

/** Where and how to connect to PostgreSQL. */
export interface PostgresStorageOptions {
  url: string;
  /** A schema to keep every table in (created if missing); tests use one each. */
  schema?: string;
  /** Most pooled connections; 10 unless told. */
  maxConnections?: number;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

function describeServer(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'the configured server';
  }
}

/**
 * Connects to PostgreSQL, checks the server answers, and migrates the schema.
 *
 * @example
 * const storage = await openPostgresStorage({ url: 'postgres://postgres@127.0.0.1:5432/glassbox' });
 */
export async function openPostgresStorage(options: PostgresStorageOptions): Promise<Storage> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new StoreError(
      'invalid_argument',
      `schema must be a plain SQL identifier, got "${schema}"`,
    );
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 5_000,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  // Nor may a client that loses its server while checked out between two statements of a
  // transaction (a restart sends it FATAL 57P01): that query fails and the pool drops it.
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    const client = await pool.connect();
    try {
      if (schema !== undefined) await client.query(`create schema if not exists "${schema}"`);
    } finally {
      client.release();
    }
  } catch (cause) {
    await pool.end().catch(() => {});
    const reason = cause instanceof Error ? cause.message || cause.name : String(cause);
    throw new StoreError(
      'database_unreachable',
      `cannot reach PostgreSQL at ${describeServer(options.url)}: ${reason}`,
      { cause },
    );
  }
  const db = new Kysely<GlassboxDatabase>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db as Kysely<unknown>, schema);
    // Today's partitions, in case the server was down (or retention off) for days.
    const today = dayOf(Date.now());
    await (db as Kysely<unknown>)
      .transaction()
      .execute((trx) => ensureSpanPartitions(trx, today - 1, today + PARTITION_DAYS_AHEAD));
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const storage = sqlStorage(db, POSTGRES_TRAITS, {
    databaseUrl: options.url,
    ...(schema === undefined ? {} : { schema }),
  });
  return { ...storage, maintenance: new PostgresDataMaintenance(db) };
}

/** Drops a schema and everything in it; for tests that made one with `schema`. */
export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  if (!SCHEMA_NAME.test(schema)) throw new StoreError('invalid_argument', `bad schema "${schema}"`);
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
  });
  try {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
  } finally {
    await db.destroy();
  }
}
