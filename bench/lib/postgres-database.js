import pg from 'pg';

/** The PostgreSQL server benchmarks use: BENCH_DATABASE_URL, else the test database. */
export const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.GLASSBOX_TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

/**
 * A fresh schema for one benchmark run (the store creates it on open) and a `drop()` that
 * removes it with everything in it, so runs never see each other's rows or anyone else's.
 */
export function scratchSchema(label) {
  const schema = `glassbox_bench_${label}_${Date.now()}_${process.pid}`;
  return {
    storageOptions: { databaseUrl: DATABASE_URL, schema },
    schema,
    async drop() {
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Whether PostgreSQL answers at DATABASE_URL; benchmarks skip it (saying so) when not. */
export async function postgresAvailable() {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
