import type { FailureCategory, Finding } from '../classify/failure-categories.js';

/**
 * The finding categories a replay must clear: those of the bad trace the good reference does
 * not show (what distinguishes bad from good), or all of the bad trace's when the good one
 * shows them too.
 *
 * @example targetCategories(badFindings, goodFindings) // ['ungrounded_answer']
 */
export function targetCategories(
  bad: readonly Finding[],
  good: readonly Finding[] = [],
): FailureCategory[] {
  const badCategories = [...new Set(bad.map((f) => f.category))];
  const goodCategories = new Set(good.map((f) => f.category));
  const distinct = badCategories.filter((c) => !goodCategories.has(c));
  return distinct.length > 0 ? distinct : badCategories;
}

/** Whether a replayed trace still shows one of the target categories. */
export function trialFails(
  findings: readonly Finding[],
  targets: readonly FailureCategory[],
): boolean {
  return findings.some((f) => targets.includes(f.category));
}
