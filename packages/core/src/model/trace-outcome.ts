import type { TraceSummary } from './trace.js';

/**
 * What happened to a trace, in a user's words: `error` when a span reported an error status,
 * `failed` when the classifier found a failure (and no span errored), `ok` otherwise. OTel's
 * `unset` status means nothing to a reader, so lists show this instead.
 */
export const TRACE_OUTCOMES = ['ok', 'failed', 'error'] as const;
export type TraceOutcome = (typeof TRACE_OUTCOMES)[number];

/**
 * The outcome of a listed trace.
 *
 * @example
 * traceOutcome({ status: 'unset', categories: ['tool_loop'] }); // 'failed'
 */
export function traceOutcome(trace: Pick<TraceSummary, 'status' | 'categories'>): TraceOutcome {
  if (trace.status === 'error') return 'error';
  return trace.categories && trace.categories.length > 0 ? 'failed' : 'ok';
}
