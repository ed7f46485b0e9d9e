/** How an item behaved over independent repeats. */
export interface ItemFlakiness {
  itemId: string;
  repeats: number;
  passRate: number;
  /** Passed in some repeats and failed in others. */
  flaky: boolean;
}

/**
 * Per-item pass rate over repeats; an item is flaky when its repeats disagree.
 *
 * @example
 * itemFlakiness('q1', [true, false, true]); // { passRate: 0.667, flaky: true, ... }
 */
export function itemFlakiness(itemId: string, passes: readonly boolean[]): ItemFlakiness {
  const passed = passes.filter(Boolean).length;
  const passRate = passes.length === 0 ? 0 : passed / passes.length;
  return { itemId, repeats: passes.length, passRate, flaky: passed > 0 && passed < passes.length };
}
