import { copyFileSync, existsSync, renameSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from '../store-error.js';
import { SQLITE_FILE_NAME } from './sqlite-storage.js';

/**
 * Writes a consistent snapshot of the data directory's database to `outFile` with
 * `VACUUM INTO`: one read transaction, so ingest keeps committing (WAL) while it runs and
 * the copy holds exactly what was committed when it began. Returns the copy's size in bytes.
 *
 * @example
 * await backupSqlite('.glassbox', 'glassbox-2026-12-05.db');
 */
export function backupSqlite(dataDir: string, outFile: string): number {
  const source = join(resolve(dataDir), SQLITE_FILE_NAME);
  if (!existsSync(source)) {
    throw new StoreError('invalid_argument', `no Glassbox database at ${source}`);
  }
  const target = resolve(outFile);
  if (existsSync(target)) {
    throw new StoreError('invalid_argument', `${target} exists already; choose a new file`);
  }
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('vacuum into ?').run(target);
  } finally {
    db.close();
  }
  return statSync(target).size;
}

/** Whether a file is a sound Glassbox database: SQLite, intact, with the Glassbox tables. */
function checkBackup(file: string): void {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (cause) {
    throw new StoreError('invalid_argument', `cannot open ${file}: ${(cause as Error).message}`);
  }
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new StoreError('invalid_argument', `${file} is damaged: ${check}`);
    const tables = db
      .prepare(
        "select name from sqlite_master where type = 'table' and name in ('spans', 'api_keys')",
      )
      .all();
    if (tables.length !== 2) {
      throw new StoreError('invalid_argument', `${file} is not a Glassbox database`);
    }
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError(
      'invalid_argument',
      `${file} is not a SQLite database: ${(error as Error).message}`,
    );
  } finally {
    db.close();
  }
}

/**
 * Restores a backup into a data directory whose server is stopped. The database there (if
 * any) is kept beside it as `glassbox.db.before-restore-<time>`. A directory with WAL files
 * still present is in use (or was not shut down cleanly) and is refused.
 *
 * @example
 * restoreSqlite('.glassbox', 'glassbox-2026-12-05.db'); // { replaced: '.glassbox/glassbox.db.before-restore-…' }
 */
export function restoreSqlite(dataDir: string, fromFile: string): { replaced?: string } {
  const from = resolve(fromFile);
  if (!existsSync(from)) throw new StoreError('invalid_argument', `no backup file at ${from}`);
  checkBackup(from);
  const dir = resolve(dataDir);
  if (!existsSync(dir)) throw new StoreError('invalid_argument', `no data directory at ${dir}`);
  const target = join(dir, SQLITE_FILE_NAME);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(target + suffix)) {
      throw new StoreError(
        'invalid_argument',
        `${target}${suffix} exists: the server is still running on ${dir} (or did not shut down cleanly). Stop it first; if it is stopped, start and stop it once to close the database cleanly.`,
      );
    }
  }
  const staging = `${target}.restoring`;
  copyFileSync(from, staging);
  let replaced: string | undefined;
  if (existsSync(target)) {
    replaced = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(target, replaced);
  }
  renameSync(staging, target);
  return replaced === undefined ? {} : { replaced };
}
