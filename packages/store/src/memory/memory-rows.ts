/** The key of a row identified by project and id, as the memory adapters keep them. */
export const rowKey = (projectId: string, id: string): string => JSON.stringify([projectId, id]);

/** A deep copy: values go into and come out of the memory adapters copied. */
export const copy = <T>(value: T): T => structuredClone(value);

/**
 * The rows of some maps as they are now, and the way to put them back: how the memory
 * adapters undo a failed transaction.
 *
 * @example
 * const restore = snapshot([alerts, incidents]);
 * try { await work(); } catch (error) { restore(); throw error; }
 */
export function snapshot(maps: readonly Map<string, unknown>[]): () => void {
  const saved = maps.map((map) => new Map(map));
  return () =>
    maps.forEach((map, i) => {
      map.clear();
      for (const [key, value] of saved[i]!) map.set(key, value);
    });
}

/** Deletes the rows of these traces of a project from a map: how deletion reaches each store. */
export function forgetTraceRows(
  map: Map<string, { projectId: string; traceId: string }>,
  projectId: string,
  traceIds: ReadonlySet<string>,
): void {
  for (const [key, row] of map) {
    if (row.projectId === projectId && traceIds.has(row.traceId)) map.delete(key);
  }
}
