/** One category of a baseline-vs-current comparison, as fractions of their totals. */
export interface DistributionRow {
  category: string;
  baseline: number;
  current: number;
}

/** Evidence keys that are test results, not categories. */
const STAT_KEYS = new Set(['pValue', 'jensenShannon', 'requests', 'blocks', 'scale', 'queries']);

/**
 * Baseline and current distributions from an alert's evidence, for grouped bars:
 * share-shift evidence maps each category to its share (the test's p value and distance
 * ride along and are left out); dominance evidence names one source and its share before
 * and after. Rows are ordered by the larger of the two shares; undefined when the evidence
 * holds no distribution (rates, block statistics).
 *
 * @example
 * compareDistributions({ search: 0.8, refund: 0.2 }, { search: 0.3, refund: 0.7, pValue: 1e-9 });
 * // [{ category: 'search', baseline: 0.8, current: 0.3 }, { category: 'refund', ... }]
 */
export function compareDistributions(
  baseline: Record<string, number | string>,
  current: Record<string, number | string>,
): DistributionRow[] | undefined {
  if (typeof baseline.source === 'string' && typeof baseline.share === 'number') {
    const source = baseline.source;
    const after =
      current.source === source && typeof current.share === 'number' ? current.share : undefined;
    if (after === undefined) return undefined;
    return [
      { category: source, baseline: baseline.share, current: after },
      { category: 'all other sources', baseline: 1 - baseline.share, current: 1 - after },
    ];
  }
  const shares = (m: Record<string, number | string>): Map<string, number> =>
    new Map(
      Object.entries(m).filter(
        (e): e is [string, number] =>
          !STAT_KEYS.has(e[0]) && typeof e[1] === 'number' && e[1] >= 0 && e[1] <= 1,
      ),
    );
  const b = shares(baseline);
  const c = shares(current);
  if (b.size + c.size < 2) return undefined;
  const sum = (m: Map<string, number>) => [...m.values()].reduce((x, y) => x + y, 0);
  // Shares sum to about 1 over categories (more for multi-valued tools); otherwise not a distribution.
  if (sum(b) < 0.98 || sum(c) < 0.98) return undefined;
  return [...new Set([...b.keys(), ...c.keys()])]
    .map((category) => ({
      category,
      baseline: b.get(category) ?? 0,
      current: c.get(category) ?? 0,
    }))
    .sort(
      (x, y) =>
        Math.max(y.baseline, y.current) - Math.max(x.baseline, x.current) ||
        x.category.localeCompare(y.category),
    );
}
