import type { Span } from '../model/span.js';
import type { CanaryJudgement } from './canary-judgement.js';

/** The gate metric read from a trace's span statuses rather than from an evaluator's score. */
export const CANARY_ERROR_METRIC = 'error';

/** One evaluated trace as the online evaluator saw it: its spans and the scores it gave. */
export interface JudgedTrace {
  traceId: string;
  spans: readonly Span[];
  scores: readonly { name: string; pass: boolean }[];
}

/**
 * What one trace says about a prompt's canary: the prompt version it was served (from the
 * spans' recorded prompt) and a judgement per gate metric the trace can answer: `error` from
 * its span statuses, any other metric from the evaluator score of that name. Undefined when
 * the trace did not use the prompt, or used two versions of it (no arm to credit).
 *
 * @example
 * canaryJudgementsOfTrace('support', ['error', 'glassbox:no-refusal'], trace)
 * // { version: 3, judgements: [{ metric: 'error', failed: false, traceId }, ...] }
 */
export function canaryJudgementsOfTrace(
  promptName: string,
  metrics: readonly string[],
  trace: JudgedTrace,
): { version: number; judgements: CanaryJudgement[] } | undefined {
  const versions = new Set(
    trace.spans.filter((s) => s.prompt?.name === promptName).map((s) => s.prompt?.version),
  );
  const [served] = versions;
  const version = Number(served);
  if (versions.size !== 1 || !Number.isInteger(version) || version < 1) return undefined;
  const judgements = metrics.flatMap((metric): CanaryJudgement[] => {
    const score = trace.scores.find((s) => s.name === metric);
    const failed =
      metric === CANARY_ERROR_METRIC
        ? trace.spans.some((s) => s.status === 'error')
        : score && !score.pass;
    return failed === undefined ? [] : [{ metric, failed, traceId: trace.traceId }];
  });
  return { version, judgements };
}
