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
 * @example
 * new SqliteDialect({ database: withStatementCache(new Database(file)) });
 */
export function withStatementCache(db: BetterSqliteDatabase, capacity = 200): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
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
