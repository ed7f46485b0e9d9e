import { CompiledQuery, type Transaction } from 'kysely';
import type { GlassboxDatabase } from './database-schema.js';

type Table = keyof GlassboxDatabase;

export interface UpsertOptions {
  /** The primary key columns: a row whose key exists replaces the stored one. */
  key: readonly string[];
  /** Most bound parameters one statement may carry. */
  maxParameters: number;
  /** How bound parameters are written: `?` (SQLite) or `$n` (PostgreSQL). */
  dialect: 'sqlite' | 'postgres';
}

/** Statement texts by shape, so a hot write path builds each SQL string once. */
const statements = new Map<string, string>();
const STATEMENT_CACHE_LIMIT = 500;

function statementText(
  table: string,
  names: readonly string[],
  rowCount: number,
  options: UpsertOptions,
): string {
  const cacheKey = `${options.dialect}\0${table}\0${names.join(',')}\0${options.key.join(',')}\0${rowCount}`;
  const cached = statements.get(cacheKey);
  if (cached !== undefined) return cached;
  const width = names.length;
  const tuples: string[] = [];
  for (let r = 0; r < rowCount; r++) {
    const marks: string[] = [];
    for (let c = 0; c < width; c++)
      marks.push(options.dialect === 'postgres' ? `$${r * width + c + 1}` : '?');
    tuples.push(`(${marks.join(', ')})`);
  }
  const quoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;
  const updates = names
    .filter((c) => !options.key.includes(c))
    .map((c) => `${quoted(c)} = excluded.${quoted(c)}`);
  const text =
    `insert into ${quoted(table)} (${names.map(quoted).join(', ')}) values ${tuples.join(', ')}` +
    ` on conflict (${options.key.map(quoted).join(', ')}) ` +
    (updates.length > 0 ? `do update set ${updates.join(', ')}` : 'do nothing');
  if (statements.size >= STATEMENT_CACHE_LIMIT) statements.clear();
  statements.set(cacheKey, text);
  return text;
}

/**
 * Inserts rows in multi-row statements sized to the parameter limit; a row whose key exists
 * replaces the stored one. The SQL is written directly (not through Kysely's builder, whose
 * per-value nodes cost more than the database work for wide multi-row inserts).
 *
 * @example
 * await upsertRows(trx, 'spans', rows, SPAN_COLUMNS, { key: ['project_id', 'trace_id', 'span_id'], maxParameters: 32_766, dialect: 'sqlite' });
 */
export async function upsertRows<T extends Table>(
  trx: Transaction<GlassboxDatabase>,
  table: T,
  rows: readonly GlassboxDatabase[T][],
  columns: readonly string[] | undefined,
  options: UpsertOptions,
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const names = columns ?? Object.keys(first);
  const width = names.length;
  const perStatement = Math.max(1, Math.floor(options.maxParameters / width));
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement) as unknown as readonly Record<string, unknown>[];
    const parameters: unknown[] = new Array(chunk.length * width);
    let p = 0;
    for (const row of chunk) {
      for (let c = 0; c < width; c++) parameters[p++] = row[names[c]!] ?? null;
    }
    const text = statementText(table, names, chunk.length, options);
    await trx.executeQuery(CompiledQuery.raw(text, parameters));
  }
}
