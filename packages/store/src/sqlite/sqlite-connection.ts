import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** The slice of a better-sqlite3 Database this package uses. */
export interface BetterSqliteDatabase extends SqliteDatabase {
  pragma(source: string, options?: { simple?: boolean }): unknown;
  readonly open: boolean;
}

/**
 * Wraps a database so that statements are prepared once per SQL text and reused; Kysely
 * prepares on every query, which dominates the cost of large multi-row inserts.
 *
 * Transactions begin IMMEDIATE: they take the write lock up front, so a transaction that
 * reads then writes waits for another connection's writer (the detection thread, another
 * process) through busy_timeout instead of failing with "database is locked" when it
 * upgrades from reading.
 *
 * @example
 * new SqliteDialect({ database: withStatementCache(new Database(file)) });
 */
export function withStatementCache(db: BetterSqliteDatabase, capacity = 200): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(text: string): SqliteStatement {
      const sql = /^\s*begin\s*;?\s*$/i.test(text) ? 'begin immediate' : text;
      const cached = cache.get(sql);
      if (cached) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = db.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
      return statement;
    },
  };
}
