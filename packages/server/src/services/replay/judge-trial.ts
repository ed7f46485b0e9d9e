import {
  findFailures,
  type ClassifierThresholds,
  type FailureCategory,
} from '@glassbox/core/classify';
import type { RetrievedDocument, Span } from '@glassbox/core/model';
import {
  failedAssertions,
  replayedSpan,
  replayedTrace,
  trialFails,
  type ChatRequest,
  type ReplayAssertion,
  type TrialOutput,
} from '@glassbox/core/replay';

/** Everything needed to judge one replayed answer; structured-cloneable for a worker thread. */
export interface JudgeTask {
  index: number;
  request: ChatRequest;
  output: TrialOutput;
  original: Span;
  traceSpans: readonly Span[];
  targets: readonly FailureCategory[];
  thresholds?: ClassifierThresholds;
  /** Documents the judged trace holds instead of the recorded ones (a context swap). */
  documents?: readonly RetrievedDocument[];
  /** Deterministic assertions the answer must also pass. */
  assertions?: readonly ReplayAssertion[];
}

/** How the classifier judged one replayed answer. */
export interface Judgement {
  categories: FailureCategory[];
  findings: { category: FailureCategory; message: string }[];
  failed: boolean;
  /** Why each failed assertion failed; absent without assertions. */
  assertionFailures?: string[];
  /** The worker thread that judged it, when one did. */
  threadId?: number;
}

/**
 * Judges a replayed answer: the classifier re-runs on the trace with the replayed span in
 * place of the recorded one, and the trial fails when a target category shows or a chosen
 * assertion fails.
 *
 * @example const { failed } = await judgeTrial({ index: 0, request, output, original, traceSpans, targets })
 */
export async function judgeTrial(task: JudgeTask): Promise<Judgement> {
  const span = replayedSpan(
    task.original,
    task.request,
    task.output,
    `${task.original.spanId.slice(0, 8)}r${task.index.toString(16).padStart(7, '0')}`,
  );
  const findings = findFailures(
    replayedTrace(task.traceSpans, task.original, span, task.documents),
    task.thresholds,
  );
  const judgement: Judgement = {
    categories: [...new Set(findings.map((f) => f.category))],
    findings: findings.map((f) => ({ category: f.category, message: f.message })),
    failed: trialFails(findings, task.targets),
  };
  if (task.assertions && task.assertions.length > 0) {
    judgement.assertionFailures = await failedAssertions(
      task.assertions,
      task.request,
      task.output,
    );
    if (judgement.assertionFailures.length > 0) judgement.failed = true;
  }
  return judgement;
}
