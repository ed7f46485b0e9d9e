import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { MIGRATIONS } from '../../src/sql/migrations.js';

/**
 * Runs the migrations up to `name` only, as a database made before a later one would be.
 *
 * @example
 * await migrateTo(db, '0024_contentless_search_index', schema);
 */
export async function migrateTo(db: Kysely<unknown>, name: string, schema?: string): Promise<void> {
  if (!(name in MIGRATIONS)) throw new Error(`no migration named ${name}`);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error } = await migrator.migrateTo(name);
  if (error) throw error;
}

/**
 * A Kysely over one PostgreSQL connection whose tables live in `schema` (created here).
 *
 * @example
 * const db = await schemaDatabase(TEST_DATABASE_URL, 'migration_1');
 */
export async function schemaDatabase(url: string, schema: string): Promise<Kysely<unknown>> {
  const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
  await pool.query(`create schema if not exists "${schema}"`);
  return new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
}
