import type { FailureCategory } from '@glassbox/core/classify';
import {
  checkReplayAssertions,
  planReplay,
  readRecordedCall,
  targetCategories,
  type ChatRequest,
  type ReplayAssertion,
  type ReplayOverrides,
} from '@glassbox/core/replay';
import { wilsonInterval, type ProportionInterval } from '@glassbox/core/stats';
import { loadTrace, spanOf, type ReplayPorts } from './replay-inputs.js';
import type { ReplayProviders } from './replay-providers.js';
import { ReplayServiceError } from './replay-service-error.js';
import { runTrials, type Spend, type TrialResult } from './run-trials.js';
import type { TrialJudging } from './trial-judging.js';

export interface ReplaySpanOptions {
  overrides?: ReplayOverrides;
  trials: number;
  /**
   * Categories a trial must not show (default: the trace's finding categories; none when
   * `assertions` are given, which then judge alone).
   */
  categories?: FailureCategory[];
  /** Deterministic assertions (contains, regex, is-json, glassbox:*) every answer must pass. */
  assertions?: ReplayAssertion[];
  concurrency?: number;
  onTrial?: (trial: TrialResult, done: number) => void;
  /** Where answers are judged (default: this thread). */
  judging?: TrialJudging;
}

/** What a replay of one span gave. Replays are never ingested: they stay out of metrics. */
export interface ReplayResult {
  traceId: string;
  spanId: string;
  request: ChatRequest;
  overridden: string[];
  /** The categories judged as failure; empty when the trace had no finding. */
  targetCategories: FailureCategory[];
  /** The assertions judged as well (a trial failing one fails). */
  assertions: ReplayAssertion[];
  trials: TrialResult[];
  judged: number;
  failures: number;
  errors: number;
  /** Failure rate with its Wilson 95 % interval; null when nothing was judged or no target. */
  failureRate: ProportionInterval | null;
  costUsd: number;
  wallMs: number;
}

/**
 * Replays a recorded LLM span `trials` times with overrides, and judges every answer with the
 * classifier on the trace as the replay would have made it.
 *
 * @example await replaySpan(ports, providers, 'default', traceId, spanId, { trials: 5, overrides: { model: 'gpt-4o' } })
 */
export async function replaySpan(
  ports: ReplayPorts,
  providers: ReplayProviders,
  projectId: string,
  traceId: string,
  spanId: string,
  options: ReplaySpanOptions,
): Promise<ReplayResult> {
  const started = performance.now();
  const trace = await loadTrace(ports, projectId, traceId);
  const original = spanOf(trace, spanId);
  const call = readRecordedCall(original, trace.spans);
  const plan = planReplay(call, options.overrides);
  const assertions = options.assertions ?? [];
  checkReplayAssertions(assertions);
  const targets =
    options.categories ?? (assertions.length > 0 ? [] : targetCategories(trace.findings));
  const spend: Spend = { costUsd: 0, calls: 0, capped: false };
  let done = 0;
  const { trials, unknownModel } = await runTrials(
    providers,
    plan.request,
    {
      original,
      traceSpans: trace.spans,
      targets,
      thresholds: trace.thresholds,
      ...(assertions.length > 0 ? { assertions } : {}),
    },
    {
      trials: options.trials,
      concurrency: options.concurrency ?? 4,
      estimatedCostUsd: undefined,
      spend,
      onTrial: (t) => options.onTrial?.(t, ++done),
      ...(options.judging ? { judging: options.judging } : {}),
    },
  );
  if (unknownModel && trials.every((t) => t.error))
    throw new ReplayServiceError(
      'unknown_model',
      `the provider does not know model '${plan.request.model}': ${trials[0]?.error?.message ?? ''}`,
    );
  const judgedTrials = trials.filter((t) => t.failed !== null);
  const failures = judgedTrials.filter((t) => t.failed).length;
  return {
    traceId: trace.traceId,
    spanId: original.spanId,
    request: plan.request,
    overridden: plan.overridden,
    targetCategories: targets,
    assertions,
    trials,
    judged: judgedTrials.length,
    failures,
    errors: trials.length - judgedTrials.length,
    failureRate:
      judgedTrials.length > 0 && (targets.length > 0 || assertions.length > 0)
        ? wilsonInterval(failures, judgedTrials.length)
        : null,
    costUsd: round(spend.costUsd),
    wallMs: Math.round(performance.now() - started),
  };
}

const round = (usd: number) => Math.round(usd * 1e8) / 1e8;
