import type { TraceDetailResponse } from '@glassbox/core/api';
import { hasRetrieval, retrievalNamedScores, retrievedDocumentIds } from '@glassbox/core/evals';
import { CliError } from '../cli-error.js';
import type { ServerClient } from '../server-client.js';
import type { EvalResult } from './eval-result.js';

/** The test metadata key holding the gold document ids (dataset items' `goldDocumentIds`). */
export const GOLD_DOCUMENTS_KEY = 'goldDocumentIds';

export interface TraceRetrievalOptions {
  server: ServerClient;
  /** How long to wait, in all, for the apps' traces to reach the server. */
  waitMs: number;
  /** Trace look-ups in flight at once. */
  concurrency: number;
  /** Between look-ups of a trace that has not arrived (default 250 ms). */
  pollMs?: number;
  /** The k of recall@k and nDCG@k (default 5). */
  k?: number;
}

export interface TraceRetrievalSummary {
  /** Results with gold documents whose trace was read. */
  scored: number;
  /** Results with gold documents whose trace did not arrive in time (now errors). */
  missing: number;
  /** Mean of each retrieval metric over the scored results (reciprocal-rank's mean is the MRR). */
  means: Record<string, number>;
}

/** The trace id of a W3C traceparent (`00-<trace id>-<span id>-<flags>`). */
export function traceIdOf(traceparent: string): string | undefined {
  return /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(traceparent)?.[1];
}

function goldOf(result: EvalResult): string[] | undefined {
  const gold = result.cell.test.metadata[GOLD_DOCUMENTS_KEY];
  if (gold === undefined) return undefined;
  if (!Array.isArray(gold) || gold.length === 0 || !gold.every((g) => typeof g === 'string'))
    throw new CliError(
      'INVALID_OPTION',
      `test "${result.cell.test.description ?? result.cell.testIndex}": metadata.${GOLD_DOCUMENTS_KEY} must be a non-empty list of document ids`,
    );
  return gold;
}

/**
 * Retrieval metrics for the calls to the user's app: each request carried a traceparent, so
 * the app's own trace is read from the server (waiting for it up to `waitMs` in all) and the
 * documents its retriever returned are scored against the test's gold document ids. The
 * scores join each result's named scores; they do not change pass or fail. A trace that never
 * arrives makes its result an error naming the trace, since the measurement asked for could
 * not be made.
 */
export async function addTraceRetrievalScores(
  results: EvalResult[],
  options: TraceRetrievalOptions,
): Promise<TraceRetrievalSummary> {
  const deadline = Date.now() + options.waitMs;
  const pending = results.flatMap((result) => {
    const gold = goldOf(result);
    const traceId = result.response.traceparent
      ? traceIdOf(result.response.traceparent)
      : undefined;
    return gold && traceId && result.status !== 'error' && !result.response.cached
      ? [{ result, gold, traceId }]
      : [];
  });
  const sums: Record<string, number> = {};
  let scored = 0;
  let missing = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < pending.length) {
      const { result, gold, traceId } = pending[next++]!;
      const spans = await waitForRetrieval(traceId, deadline, options);
      if (!spans) {
        missing++;
        result.status = 'error';
        result.error = `the app's trace ${traceId} did not reach ${options.server.url} within --trace-wait ${options.waitMs / 1000} s (does the app export to this server and continue the traceparent it receives?)`;
        continue;
      }
      const named = retrievalNamedScores(retrievedDocumentIds(spans), gold, options.k ?? 5);
      if (result.grading) result.grading.namedScores = { ...result.grading.namedScores, ...named };
      for (const [name, value] of Object.entries(named)) sums[name] = (sums[name] ?? 0) + value;
      scored++;
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency, pending.length));
  await Promise.all(Array.from({ length: lanes }, worker));
  const means = Object.fromEntries(Object.entries(sums).map(([name, sum]) => [name, sum / scored]));
  return { scored, missing, means };
}

/**
 * The trace's spans once it has a retriever span; once the deadline passes, the spans as they
 * are (an app may retrieve nothing) or undefined when the trace never arrived.
 */
async function waitForRetrieval(
  traceId: string,
  deadline: number,
  options: TraceRetrievalOptions,
): Promise<TraceDetailResponse['spans'] | undefined> {
  for (;;) {
    let spans: TraceDetailResponse['spans'] | undefined;
    try {
      spans = (
        await options.server.call<TraceDetailResponse>(
          'GET',
          `/api/traces/${encodeURIComponent(traceId)}`,
        )
      ).spans;
    } catch (error) {
      if (!(error instanceof CliError && error.code === 'NOT_FOUND')) throw error;
    }
    if ((spans && hasRetrieval(spans)) || Date.now() >= deadline) return spans;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
  }
}

/** One line for the terminal: how many results were scored and the mean of each metric. */
export function describeRetrieval(summary: TraceRetrievalSummary): string {
  const means = Object.entries(summary.means)
    .map(([name, mean]) => `${name === 'reciprocal-rank' ? 'MRR' : name} ${mean.toFixed(3)}`)
    .join(', ');
  const missing = summary.missing > 0 ? `; ${summary.missing} traces did not arrive` : '';
  return `Retrieval (from the app's traces, ${summary.scored} results): ${means || 'none scored'}${missing}\n`;
}
