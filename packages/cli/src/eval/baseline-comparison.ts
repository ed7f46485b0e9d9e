import { compareRuns } from '@glassbox/core/evals';
import type { RunComparison, RunItemResult } from '@glassbox/core/evals';
import type { EvalResult } from './eval-result.js';

interface StoredResult {
  testIndex?: unknown;
  promptIndex?: unknown;
  providerIndex?: unknown;
  vars?: unknown;
  success?: unknown;
  score?: unknown;
  namedScores?: unknown;
}

/** The item a result belongs to: the same test, prompt, provider and vars, whatever the repeat. */
function itemKey(r: {
  testIndex: unknown;
  promptIndex: unknown;
  providerIndex: unknown;
  vars: unknown;
}): string {
  return `${String(r.testIndex)}/${String(r.promptIndex)}/${String(r.providerIndex)}/${JSON.stringify(r.vars)}`;
}

function collect(
  rows: readonly { key: string; pass: boolean; score: number; named: Record<string, number> }[],
): RunItemResult[] {
  const items = new Map<string, RunItemResult>();
  for (const row of rows) {
    const item = items.get(row.key) ?? { itemId: row.key, passes: [], scores: [], namedScores: {} };
    item.passes.push(row.pass);
    item.scores.push(row.score);
    for (const [name, value] of Object.entries(row.named))
      (item.namedScores![name] ??= []).push(value);
    items.set(row.key, item);
  }
  return [...items.values()];
}

/** The items of a stored JSON report (`glassbox eval -o run.json`). */
export function itemsFromJsonReport(text: string, source: string): RunItemResult[] {
  let parsed: { results?: StoredResult[] };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new Error(`${source} is not a glassbox eval JSON report`);
  }
  if (!Array.isArray(parsed.results)) throw new Error(`${source} has no "results"`);
  return collect(
    parsed.results.map((r) => ({
      key: itemKey({
        testIndex: r.testIndex,
        promptIndex: r.promptIndex,
        providerIndex: r.providerIndex,
        vars: r.vars,
      }),
      pass: r.success === true,
      score: typeof r.score === 'number' ? r.score : 0,
      named:
        r.namedScores && typeof r.namedScores === 'object'
          ? (r.namedScores as Record<string, number>)
          : {},
    })),
  );
}

/** The items of the run just made. */
export function itemsFromResults(results: readonly EvalResult[]): RunItemResult[] {
  return collect(
    results.map((r) => ({
      key: itemKey({
        testIndex: r.cell.testIndex,
        promptIndex: r.cell.promptIndex,
        providerIndex: r.cell.providerIndex,
        vars: r.cell.vars,
      }),
      pass: r.status === 'pass',
      score: r.grading?.score ?? 0,
      named: r.grading?.namedScores ?? {},
    })),
  );
}

/** The comparison in a few lines for the terminal. */
export function describeComparison(comparison: RunComparison): string {
  const lines = [
    `Against the baseline: ${comparison.verdict} (${comparison.pairedItems} paired items)`,
  ];
  for (const m of comparison.metrics) {
    const d = m.difference;
    lines.push(
      `  ${m.metric}: ${m.baselineMean.toFixed(3)} -> ${m.candidateMean.toFixed(3)}, difference ${d.mean.toFixed(3)} [95% ${d.low.toFixed(3)}, ${d.high.toFixed(3)}], ${m.test} p ${m.pValue.toPrecision(3)} (Holm ${m.adjustedPValue.toPrecision(3)}): ${m.verdict}`,
    );
  }
  const flaky = comparison.flakiness.candidate.filter((f) => f.flaky).length;
  if (flaky > 0) lines.push(`  ${flaky} items are flaky across repeats in this run`);
  if (comparison.unpairedItems.length > 0)
    lines.push(
      `  ${comparison.unpairedItems.length} items are in only one run and were not compared`,
    );
  lines.push(`  ${comparison.minimumDetectableEffect.note}`);
  return `${lines.join('\n')}\n`;
}

/** Compares this run with a stored report. */
export function compareWithBaseline(
  baselineText: string,
  source: string,
  results: readonly EvalResult[],
): RunComparison {
  return compareRuns(itemsFromJsonReport(baselineText, source), itemsFromResults(results));
}
