import type { EvalResult, EvalStats } from '../eval-result.js';

/** Everything a report renders. */
export interface EvalReport {
  configPath: string;
  description?: string;
  startedAt: string;
  durationMs: number;
  concurrency: number;
  stats: EvalStats;
  results: readonly EvalResult[];
}

/** One line naming a result: its test, provider, and repeat. */
export function resultName(result: EvalResult): string {
  const { cell } = result;
  const test = cell.test.description ?? `test ${cell.testIndex + 1}`;
  const repeat = cell.repeatIndex > 0 ? ` (repeat ${cell.repeatIndex + 1})` : '';
  return `${test} [${cell.provider.label ?? cell.provider.id}]${repeat}`;
}

/** Why a result did not pass, in one line. */
export function failureReason(result: EvalResult): string {
  return result.status === 'error'
    ? `error: ${result.error ?? ''}`
    : (result.grading?.reason ?? '');
}
