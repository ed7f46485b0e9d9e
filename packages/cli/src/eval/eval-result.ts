import type { EvalCell, GradingResult, ProviderResponse } from '@glassbox/core/evals';

/** One graded call: the cell, what came back, and the verdict. */
export interface EvalResult {
  cell: EvalCell;
  response: ProviderResponse;
  /** 'error' when the call failed or an assertion could not be evaluated. */
  status: 'pass' | 'fail' | 'error';
  grading?: GradingResult;
  error?: string;
}

export interface EvalStats {
  successes: number;
  failures: number;
  errors: number;
  total: number;
  /** Percent, as promptfoo reports it: successes over all results. */
  passRate: number;
}

/** Counts passes, failures and errors; errors count against the pass rate, as in promptfoo. */
export function evalStats(results: readonly EvalResult[]): EvalStats {
  const successes = results.filter((r) => r.status === 'pass').length;
  const failures = results.filter((r) => r.status === 'fail').length;
  const errors = results.filter((r) => r.status === 'error').length;
  const total = results.length;
  return {
    successes,
    failures,
    errors,
    total,
    passRate: total === 0 ? 100 : (successes / total) * 100,
  };
}
