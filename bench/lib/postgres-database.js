import pg from 'pg';

/** The PostgreSQL server benchmarks use: BENCH_DATABASE_URL, else the test database. */
export const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.GLASSBOX_TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

/**
 * Creates a fresh, empty database for one benchmark run and returns its URL and a `drop()`
 * that removes it again, so runs never see each other's rows or anyone else's.
 */
export async function createScratchDatabase(label) {
  const name = `glassbox_bench_${label}_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Whether PostgreSQL answers at ADMIN_URL; benchmarks skip it (saying so) when not. */
export async function postgresAvailable() {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
