import { invalid, StatsError } from './stats-error.js';
import { chiSquareSf } from './chi-square.js';

export interface ChiSquareResult {
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
}

/**
 * Pearson chi-square test of independence for an r×c table of counts (no Yates correction):
 * X² = Σ (O - E)² / E with E = row·col / total, df = (r'-1)(c'-1) over rows and columns with a
 * non-zero total (empty categories carry no information and would divide by zero).
 *
 * Reference: scipy.stats.chi2_contingency(table, correction=False).
 *
 * @example
 * chiSquareContingency([[10, 20], [30, 40]]).pValue; // 0.3730
 */
export function chiSquareContingency(table: readonly (readonly number[])[]): ChiSquareResult {
  if (table.length === 0) throw invalid('contingency table has no rows');
  const width = (table[0] as readonly number[]).length;
  table.forEach((row, i) => {
    if (row.length !== width) throw invalid(`row ${i} has ${row.length} cells, expected ${width}`);
    row.forEach((v, j) => {
      if (!(v >= 0) || !Number.isFinite(v))
        throw invalid(`cell [${i}][${j}] must be a count >= 0, got ${v}`);
    });
  });
  const rowSums = table.map((r) => r.reduce((s, v) => s + v, 0));
  const colSums = Array.from({ length: width }, (_, j) =>
    table.reduce((s, r) => s + (r[j] as number), 0),
  );
  const total = rowSums.reduce((s, v) => s + v, 0);
  const rows = rowSums.map((s, i) => [s, i] as const).filter(([s]) => s > 0);
  const cols = colSums.map((s, j) => [s, j] as const).filter(([s]) => s > 0);
  if (rows.length < 2 || cols.length < 2) {
    throw new StatsError(
      'INSUFFICIENT_DATA',
      'chi-square needs at least two non-empty rows and columns',
    );
  }
  let statistic = 0;
  for (const [rs, i] of rows) {
    for (const [cs, j] of cols) {
      const expected = (rs * cs) / total;
      const diff = ((table[i] as readonly number[])[j] as number) - expected;
      statistic += (diff * diff) / expected;
    }
  }
  const df = (rows.length - 1) * (cols.length - 1);
  return { statistic, df, pValue: chiSquareSf(statistic, df) };
}

/**
 * Chi-square test of homogeneity of categorical shares between a reference and a current
 * window. Categories are the union of keys; a category missing on one side counts as 0.
 *
 * @example
 * chiSquareHomogeneity({ stop: 90, length: 10 }, { stop: 70, length: 30 }).pValue; // 0.00041
 */
export function chiSquareHomogeneity(
  reference: Readonly<Record<string, number>>,
  current: Readonly<Record<string, number>>,
): ChiSquareResult & { readonly categories: string[] } {
  const categories = [...new Set([...Object.keys(reference), ...Object.keys(current)])].sort();
  const result = chiSquareContingency([
    categories.map((c) => reference[c] ?? 0),
    categories.map((c) => current[c] ?? 0),
  ]);
  return { ...result, categories };
}
