import { accessSync, constants, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { GlassboxDatabase } from '../sql/database-schema.js';
import { migrateToLatest } from '../sql/migrations.js';
import { SQLITE_TRAITS } from '../sql/sql-dialect-traits.js';
import { sqlStorage } from '../sql/sql-storage.js';
import type { Storage } from '../storage.js';
import { StoreError } from '../store-error.js';
import { withStatementCache, type BetterSqliteDatabase } from './sqlite-connection.js';

/** The database file's name inside the data directory. */
export const SQLITE_FILE_NAME = 'glassbox.db';

function prepareDataDir(dataDir: string): string {
  const dir = resolve(dataDir);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new StoreError(
      'data_dir_not_writable',
      `data directory ${dir} is not writable: ${reason}`,
      {
        cause,
      },
    );
  }
  return dir;
}

/**
 * Opens (creating if needed) the SQLite database in `dataDir` and migrates it.
 *
 * @example
 * const storage = await openSqliteStorage('.glassbox');
 */
export async function openSqliteStorage(dataDir: string): Promise<Storage> {
  const dir = prepareDataDir(dataDir);
  const file = join(dir, SQLITE_FILE_NAME);
  let raw: BetterSqliteDatabase;
  try {
    raw = new Database(file);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new StoreError('data_dir_not_writable', `cannot open ${file}: ${reason}`, { cause });
  }
  // 16 KiB pages hold a whole span row without overflow pages; must precede WAL on a new file.
  raw.pragma('page_size = 16384');
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('busy_timeout = 5000');
  // Checkpoints are what fsync under synchronous=NORMAL: fewer, larger ones triple ingest.
  raw.pragma('wal_autocheckpoint = 4000');
  raw.pragma('journal_size_limit = 134217728');
  raw.pragma('cache_size = -65536');
  raw.pragma('temp_store = MEMORY');
  const db = new Kysely<GlassboxDatabase>({
    dialect: new SqliteDialect({ database: withStatementCache(raw) }),
  });
  try {
    await migrateToLatest(db as Kysely<unknown>);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return sqlStorage(db, SQLITE_TRAITS, { dataDir: dir });
}
