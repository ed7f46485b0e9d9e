import { openPostgresStorage } from './postgres/postgres-storage.js';
import { openSqliteStorage } from './sqlite/sqlite-storage.js';
import type { Storage, StorageOptions } from './storage.js';
import { StoreError } from './store-error.js';

/** Where SQLite keeps its file when no data directory is given. */
export const DEFAULT_DATA_DIR = '.glassbox';

/**
 * Opens the configured storage and brings its schema up to date: PostgreSQL when
 * `databaseUrl` is a postgres:// or postgresql:// URL, otherwise SQLite in `dataDir`.
 *
 * @example
 * const storage = await openStorage({ databaseUrl: process.env.DATABASE_URL });
 * await storage.traces.writeSpans(spans);
 */
export async function openStorage(options: StorageOptions = {}): Promise<Storage> {
  const url = options.databaseUrl?.trim();
  if (url) {
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
    if (scheme !== 'postgres' && scheme !== 'postgresql') {
      throw new StoreError(
        'unsupported_database_url',
        `unsupported database URL scheme "${scheme ?? url.slice(0, 20)}": use postgres:// or postgresql://, or leave it unset for SQLite`,
      );
    }
    return openPostgresStorage({
      url,
      ...(options.schema === undefined ? {} : { schema: options.schema }),
    });
  }
  return openSqliteStorage(options.dataDir ?? DEFAULT_DATA_DIR);
}
