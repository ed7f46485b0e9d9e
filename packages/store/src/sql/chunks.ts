/**
 * `items` in slices of at most `size`, for statements that must stay under a database's
 * parameter limit.
 *
 * @example
 * chunks([1, 2, 3], 2); // [[1, 2], [3]]
 */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
