import { randomUUID } from 'node:crypto';
import type { ReplayRunStore } from '@glassbox/store';
import type { BisectionResult } from './bisect-trace.js';
import type { ReplayResult } from './replay-span.js';

/** One line for lists: a bisection's verdict or a replay's failure rate. */
export function summarizeRun(result: ReplayResult | BisectionResult): string {
  if ('verdict' in result) {
    const v = result.verdict;
    if (!v) return 'planned only';
    return v.kind === 'factor' || v.kind === 'pair'
      ? `${v.factors.join(' + ')} fixes it`
      : `${v.kind}: ${v.reason}`.slice(0, 300);
  }
  return (
    `${result.failures}/${result.judged} failed` +
    (result.errors ? `, ${result.errors} provider errors` : '')
  );
}

/**
 * Stores a replay or bisection as a run linked to its trace and span, and returns its id.
 * Runs are never written as spans, so they stay out of metrics and detection.
 *
 * @example const runId = await saveReplayRun(storage.replays, 'default', 'bisect', result)
 */
export async function saveReplayRun(
  store: ReplayRunStore,
  projectId: string,
  kind: 'replay' | 'bisect',
  result: ReplayResult | BisectionResult,
  now = Date.now(),
): Promise<string> {
  const id = randomUUID();
  await store.saveRun({
    id,
    projectId,
    traceId: result.traceId,
    spanId: result.spanId,
    kind,
    createdAtMs: now,
    summary: summarizeRun(result),
    result,
  });
  return id;
}
