import { outputAsText, type GradingResult, type RunOutcome } from '@glassbox/core/evals';
import { DATASET_ITEM_KEY } from './dataset-tests.js';
import type { EvalResult } from './eval-result.js';
import { traceIdOf } from './trace-retrieval-scores.js';

function assertionOutcomes(grading: GradingResult | undefined) {
  return (grading?.componentResults ?? []).map((c) => ({
    type: c.assertion?.type ?? 'assertion',
    pass: c.pass,
    score: c.score,
    reason: c.reason,
  }));
}

/**
 * The results of a dataset run as stored outcomes: one per item and repeat, with the output,
 * the verdict, each assertion's result and the trace the call started (its traceparent).
 *
 * @example
 * await server.call('POST', '/api/eval-runs', { ..., outcomes: runOutcomes(results) });
 */
export function runOutcomes(results: readonly EvalResult[]): RunOutcome[] {
  return results.map((r) => {
    const outcome: RunOutcome = {
      itemId: String(r.cell.test.metadata[DATASET_ITEM_KEY]),
      repeat: r.cell.repeatIndex,
      output: r.response.error ? '' : outputAsText(r.response.output),
      pass: r.status === 'pass',
      score: r.grading?.score ?? 0,
      namedScores: r.grading?.namedScores ?? {},
      reason: r.error ?? r.grading?.reason ?? '',
      assertions: assertionOutcomes(r.grading),
    };
    if (r.status === 'error') outcome.error = r.error ?? r.response.error ?? 'error';
    if (r.response.latencyMs !== undefined) outcome.latencyMs = r.response.latencyMs;
    const traceId = r.response.traceparent ? traceIdOf(r.response.traceparent) : undefined;
    if (traceId && !r.response.cached) outcome.traceId = traceId;
    return outcome;
  });
}
