import { holmAdjust, mcnemarExact, wilcoxonSignedRank } from '../stats/index.js';
import { bootstrapMeanInterval } from './bootstrap-interval.js';
import { EVAL_ERROR_CODES, EvalError } from './eval-error.js';
import type { ItemFlakiness } from './flakiness.js';
import { itemFlakiness } from './flakiness.js';
import type { MinimumDetectableEffect } from './minimum-detectable-effect.js';
import { minimumDetectableEffect } from './minimum-detectable-effect.js';

/** One dataset item's results in a run: one entry per repeat. */
export interface RunItemResult {
  itemId: string;
  passes: boolean[];
  scores: number[];
  /** Named metric scores per repeat. */
  namedScores?: Record<string, number[]>;
}

export type ComparisonVerdict = 'better' | 'worse' | 'no significant difference';

/** One metric compared between two runs. */
export interface MetricComparison {
  metric: string;
  test: 'mcnemar-exact' | 'wilcoxon-signed-rank';
  baselineMean: number;
  candidateMean: number;
  /** Mean paired difference (candidate − baseline) and its bootstrap 95 % interval. */
  difference: { mean: number; low: number; high: number };
  pValue: number;
  /** Holm-adjusted across the metrics of this comparison. */
  adjustedPValue: number;
  verdict: ComparisonVerdict;
  detail: string;
}

export interface RunComparison {
  verdict: ComparisonVerdict;
  pairedItems: number;
  /** Items present in only one run (not compared). */
  unpairedItems: string[];
  metrics: MetricComparison[];
  flakiness: { baseline: ItemFlakiness[]; candidate: ItemFlakiness[] };
  minimumDetectableEffect: MinimumDetectableEffect;
}

const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length;

function withinVariance(pairs: readonly [RunItemResult, RunItemResult][]): number {
  const vars = pairs.flatMap(([b, c]) =>
    [b.passes, c.passes]
      .filter((p) => p.length > 1)
      .map((p) => {
        const rate = p.filter(Boolean).length / p.length;
        return (rate * (1 - rate) * p.length) / (p.length - 1);
      }),
  );
  return vars.length === 0 ? 0 : 2 * mean(vars);
}

/**
 * Compares a candidate run with a baseline on the same dataset version, pairing items by id:
 * pass/fail by exact McNemar on each item's majority verdict over repeats, scores (and every
 * named metric) by Wilcoxon signed-rank on per-item means, each with a bootstrap 95 %
 * interval of the mean paired difference; Holm across metrics. The verdict is "better" or
 * "worse" only when a Holm-adjusted p-value is below alpha, otherwise "no significant
 * difference" — never a bare delta. Flakiness per item and a minimum-detectable-effect note
 * come with it.
 *
 * @example
 * compareRuns(baselineItems, candidateItems).verdict; // 'worse'
 */
export function compareRuns(
  baseline: readonly RunItemResult[],
  candidate: readonly RunItemResult[],
  options: { alpha?: number; seed?: number; targetEffect?: number } = {},
): RunComparison {
  const alpha = options.alpha ?? 0.05;
  const byId = new Map(baseline.map((item) => [item.itemId, item]));
  const pairs: [RunItemResult, RunItemResult][] = [];
  const unpaired = new Set(baseline.map((i) => i.itemId));
  for (const item of candidate) {
    const base = byId.get(item.itemId);
    if (base && base.passes.length > 0 && item.passes.length > 0) {
      pairs.push([base, item]);
      unpaired.delete(item.itemId);
    } else unpaired.add(item.itemId);
  }
  if (pairs.length === 0)
    throw new EvalError(EVAL_ERROR_CODES.invalidData, 'the two runs share no items to compare');

  const rate = (p: readonly boolean[]): number => p.filter(Boolean).length / p.length;
  const passDiffs = pairs.map(([b, c]) => rate(c.passes) - rate(b.passes));
  let passToFail = 0;
  let failToPass = 0;
  for (const [b, c] of pairs) {
    const before = rate(b.passes) >= 0.5;
    const after = rate(c.passes) >= 0.5;
    if (before && !after) passToFail++;
    if (!before && after) failToPass++;
  }
  const raw: Omit<MetricComparison, 'adjustedPValue' | 'verdict'>[] = [
    {
      metric: 'pass rate',
      test: 'mcnemar-exact',
      baselineMean: mean(pairs.map(([b]) => rate(b.passes))),
      candidateMean: mean(pairs.map(([, c]) => rate(c.passes))),
      difference: interval(passDiffs, options.seed),
      pValue: mcnemarExact(passToFail, failToPass).pValue,
      detail: `${passToFail} items went from pass to fail, ${failToPass} from fail to pass (of ${pairs.length})`,
    },
    scoreComparison(
      'score',
      pairs.map(([b, c]) => [mean(b.scores), mean(c.scores)]),
      options.seed,
    ),
  ];
  const names = new Set(
    pairs.flatMap(([b, c]) => [
      ...Object.keys(b.namedScores ?? {}),
      ...Object.keys(c.namedScores ?? {}),
    ]),
  );
  for (const name of [...names].sort()) {
    const paired = pairs.flatMap(([b, c]): [number, number][] => {
      const x = b.namedScores?.[name];
      const y = c.namedScores?.[name];
      return x && y && x.length > 0 && y.length > 0 ? [[mean(x), mean(y)]] : [];
    });
    if (paired.length > 0) raw.push(scoreComparison(name, paired, options.seed));
  }
  const adjusted = holmAdjust(raw.map((m) => m.pValue));
  const metrics: MetricComparison[] = raw.map((m, i) => {
    const p = adjusted[i] as number;
    const verdict: ComparisonVerdict =
      p < alpha
        ? m.difference.mean > 0
          ? 'better'
          : m.difference.mean < 0
            ? 'worse'
            : 'no significant difference'
        : 'no significant difference';
    return { ...m, adjustedPValue: p, verdict };
  });
  const verdict: ComparisonVerdict = metrics.some((m) => m.verdict === 'worse')
    ? 'worse'
    : metrics.some((m) => m.verdict === 'better')
      ? 'better'
      : 'no significant difference';
  const repeats = Math.round(mean(pairs.flatMap(([b, c]) => [b.passes.length, c.passes.length])));
  return {
    verdict,
    pairedItems: pairs.length,
    unpairedItems: [...unpaired].sort(),
    metrics,
    flakiness: {
      baseline: pairs.map(([b]) => itemFlakiness(b.itemId, b.passes)),
      candidate: pairs.map(([, c]) => itemFlakiness(c.itemId, c.passes)),
    },
    minimumDetectableEffect: minimumDetectableEffect(passDiffs, {
      alpha,
      repeats,
      withinVariance: withinVariance(pairs),
      ...(options.targetEffect !== undefined ? { targetEffect: options.targetEffect } : {}),
    }),
  };
}

function interval(
  diffs: readonly number[],
  seed: number | undefined,
): { mean: number; low: number; high: number } {
  const { mean: m, low, high } = bootstrapMeanInterval(diffs, seed === undefined ? {} : { seed });
  return { mean: m, low, high };
}

function scoreComparison(
  metric: string,
  paired: readonly [number, number][],
  seed: number | undefined,
): Omit<MetricComparison, 'adjustedPValue' | 'verdict'> {
  const diffs = paired.map(([b, c]) => c - b);
  const nonZero = diffs.filter((d) => d !== 0).length;
  const pValue =
    nonZero === 0
      ? 1
      : wilcoxonSignedRank(
          paired.map(([, c]) => c),
          paired.map(([b]) => b),
        ).pValue;
  return {
    metric,
    test: 'wilcoxon-signed-rank',
    baselineMean: mean(paired.map(([b]) => b)),
    candidateMean: mean(paired.map(([, c]) => c)),
    difference: interval(diffs, seed),
    pValue,
    detail: `${nonZero} of ${paired.length} items changed score`,
  };
}
