import type { ClassifierThresholds, FailureCategory } from '@glassbox/core/classify';
import type { RetrievedDocument, Span } from '@glassbox/core/model';
import type { ChatRequest, ReplayAssertion, TrialOutput } from '@glassbox/core/replay';
import { callModel, isUnknownModel } from './call-model.js';
import type { ReplayProviders } from './replay-providers.js';
import { inProcessJudging, type TrialJudging } from './trial-judging.js';

/** One replayed call and how the classifier judged it. */
export interface TrialResult {
  index: number;
  output: string | null;
  toolCalls?: TrialOutput['toolCalls'];
  responseModel?: string;
  finishReason?: string;
  /** Categories the classifier found on the replayed trace. */
  categories: FailureCategory[];
  findings: { category: FailureCategory; message: string }[];
  /** Shows a target category or fails an assertion; null when the provider gave no answer. */
  failed: boolean | null;
  /** Why each failed assertion failed, when assertions judge the run. */
  assertionFailures?: string[];
  error?: TrialOutput['error'];
  usage?: TrialOutput['usage'];
  costUsd?: number;
  latencyMs: number;
}

/** What a batch of trials needs to judge its answers. */
export interface TrialJudge {
  original: Span;
  traceSpans: readonly Span[];
  targets: readonly FailureCategory[];
  thresholds?: ClassifierThresholds;
  /** Documents the judged trace holds instead of the recorded ones (a context swap). */
  documents?: readonly RetrievedDocument[];
  /** Deterministic assertions every answer must also pass. */
  assertions?: readonly ReplayAssertion[];
}

/** Spending so far and the cap, shared by every arm of a run. */
export interface Spend {
  costUsd: number;
  calls: number;
  budgetUsd?: number;
  /** Set when the cap stopped a trial. */
  capped: boolean;
}

export interface RunTrialsOptions {
  trials: number;
  concurrency: number;
  /** Expected cost of the next call, to stop before the cap is crossed. */
  estimatedCostUsd: number | undefined;
  spend: Spend;
  onTrial?: (trial: TrialResult) => void;
  /** Where answers are judged (default: this thread). The server judges on worker threads. */
  judging?: TrialJudging;
}

/**
 * Replays one request `trials` times (a few at a time), judging each answer by re-running the
 * classifier on the trace with the replayed span in place. Provider errors are kept per
 * trial; an unknown model stops the batch (every further call would fail the same way); the
 * budget cap stops it before a call that would cross it.
 *
 * @example const { trials } = await runTrials(providers, request, judge, { trials: 20, ... })
 */
export async function runTrials(
  providers: ReplayProviders,
  request: ChatRequest,
  judge: TrialJudge,
  options: RunTrialsOptions,
): Promise<{ trials: TrialResult[]; unknownModel: boolean }> {
  const { client } = providers.clientFor(request.model);
  const results: TrialResult[] = [];
  const { spend } = options;
  let next = 0;
  let stop = false;
  let unknownModel = false;
  const worker = async (): Promise<void> => {
    while (!stop && next < options.trials) {
      const estimate = options.estimatedCostUsd ?? 0;
      if (spend.budgetUsd !== undefined && spend.costUsd + estimate > spend.budgetUsd) {
        spend.capped = true;
        stop = true;
        return;
      }
      const index = next++;
      spend.costUsd += estimate;
      spend.calls++;
      const output = await callModel(client, request);
      spend.costUsd += (output.costUsd ?? 0) - estimate;
      if (isUnknownModel(output)) {
        unknownModel = true;
        stop = true;
      }
      const trial = await judgeTrial(index, request, output, judge, options.judging);
      results.push(trial);
      options.onTrial?.(trial);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  results.sort((a, b) => a.index - b.index);
  return { trials: results, unknownModel };
}

async function judgeTrial(
  index: number,
  request: ChatRequest,
  output: TrialOutput,
  judge: TrialJudge,
  judging: TrialJudging = inProcessJudging,
): Promise<TrialResult> {
  const base: TrialResult = {
    index,
    output: output.content,
    categories: [],
    findings: [],
    failed: null,
    latencyMs: Math.round(output.latencyMs * 100) / 100,
  };
  if (output.toolCalls) base.toolCalls = output.toolCalls;
  if (output.responseModel) base.responseModel = output.responseModel;
  if (output.finishReason) base.finishReason = output.finishReason;
  if (output.usage) base.usage = output.usage;
  if (output.costUsd !== undefined) base.costUsd = output.costUsd;
  if (output.error) return { ...base, error: output.error };
  try {
    const { categories, findings, failed, assertionFailures } = await judging.judge({
      index,
      request,
      output,
      original: judge.original,
      traceSpans: judge.traceSpans,
      targets: judge.targets,
      ...(judge.thresholds ? { thresholds: judge.thresholds } : {}),
      ...(judge.documents ? { documents: judge.documents } : {}),
      ...(judge.assertions ? { assertions: judge.assertions } : {}),
    });
    return {
      ...base,
      categories,
      findings,
      failed,
      ...(assertionFailures ? { assertionFailures } : {}),
    };
  } catch (error) {
    // A judging failure (a worker that died) is kept on its trial like a provider error.
    const message = error instanceof Error ? error.message : String(error);
    return { ...base, error: { code: 'judging_failed', message } };
  }
}
