import type { RunItemResult } from './compare-runs.js';
import { EVAL_ERROR_CODES, EvalError } from './eval-error.js';

/** One assertion's verdict on one output. */
export interface AssertionOutcome {
  type: string;
  pass: boolean;
  score: number;
  reason: string;
}

/** One dataset item's output in one repeat of a run, and how it was graded. */
export interface RunOutcome {
  itemId: string;
  /** 0-based repeat index. */
  repeat: number;
  output: string;
  pass: boolean;
  score: number;
  namedScores: Record<string, number>;
  reason: string;
  /** Set when the call or the grading failed (then pass is false). */
  error?: string;
  latencyMs?: number;
  /** The trace the call started (sent as its traceparent): the app's own trace, if it traces. */
  traceId?: string;
  assertions: AssertionOutcome[];
}

/** A run's identity: which dataset version, against which target, how many repeats. */
export interface ExperimentRunHeader {
  id: string;
  projectId: string;
  dataset: string;
  datasetVersion: number;
  /** The provider, model and prompt, or the app endpoint, as a label. */
  target: string;
  repeats: number;
  createdAtMs: number;
  /** Passing outcomes over all outcomes. */
  passRate: number;
  outcomeCount: number;
  /** Free text: the config file, the commit, what changed. */
  note?: string;
}

export interface ExperimentRun extends ExperimentRunHeader {
  outcomes: RunOutcome[];
}

/** A dataset named with an optional version: `support`, `support@3`. */
export function parseDatasetRef(ref: string): { name: string; version?: number } {
  const match = /^([A-Za-z0-9._-]{1,64})(?:@(\d+))?$/.exec(ref);
  if (!match)
    throw new EvalError(
      EVAL_ERROR_CODES.invalidConfig,
      `invalid dataset "${ref}": expected NAME or NAME@VERSION (letters, digits, . _ -)`,
    );
  const name = match[1] as string;
  return match[2] === undefined ? { name } : { name, version: Number(match[2]) };
}

/**
 * A run's outcomes grouped per item, repeats in order: what compareRuns pairs.
 *
 * @example
 * compareRuns(runItemResults(baseline.outcomes), runItemResults(candidate.outcomes));
 */
export function runItemResults(outcomes: readonly RunOutcome[]): RunItemResult[] {
  const byItem = new Map<string, RunOutcome[]>();
  for (const o of outcomes) byItem.set(o.itemId, [...(byItem.get(o.itemId) ?? []), o]);
  return [...byItem].map(([itemId, list]) => {
    const ordered = [...list].sort((a, b) => a.repeat - b.repeat);
    const namedScores: Record<string, number[]> = {};
    for (const o of ordered)
      for (const [k, v] of Object.entries(o.namedScores)) (namedScores[k] ??= []).push(v);
    return {
      itemId,
      passes: ordered.map((o) => o.pass),
      scores: ordered.map((o) => o.score),
      namedScores,
    };
  });
}
