import type { Transaction } from 'kysely';
import type { GlassboxDatabase } from './database-schema.js';

type Table = keyof GlassboxDatabase;

/**
 * Inserts rows in multi-row statements sized to the parameter limit; a row whose key exists
 * replaces the stored one.
 *
 * @example
 * await upsertRows(trx, 'spans', rows, SPAN_COLUMNS, { key: ['project_id', 'trace_id', 'span_id'], maxParameters: 32_766 });
 */
export async function upsertRows<T extends Table>(
  trx: Transaction<GlassboxDatabase>,
  table: T,
  rows: readonly GlassboxDatabase[T][],
  columns: readonly string[] | undefined,
  options: { key: readonly string[]; maxParameters: number },
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const names = columns ?? Object.keys(first);
  const update = Object.fromEntries(
    names.filter((c) => !options.key.includes(c)).map((c) => [c, (eb: never) => ref(eb, c)]),
  );
  const perStatement = Math.max(1, Math.floor(options.maxParameters / names.length));
  for (let i = 0; i < rows.length; i += perStatement) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + perStatement) as never)
      .onConflict((oc) => oc.columns(options.key as never).doUpdateSet(update as never))
      .execute();
  }
}

function ref(eb: never, column: string): unknown {
  return (eb as { ref(name: string): unknown }).ref(`excluded.${column}`);
}
