import {
  findFailures,
  type ClassifierThresholds,
  type FailureCategory,
} from '@glassbox/core/classify';
import type { RetrievedDocument, Span } from '@glassbox/core/model';
import {
  replayedSpan,
  replayedTrace,
  trialFails,
  type ChatRequest,
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
}

/** How the classifier judged one replayed answer. */
export interface Judgement {
  categories: FailureCategory[];
  findings: { category: FailureCategory; message: string }[];
  failed: boolean;
  /** The worker thread that judged it, when one did. */
  threadId?: number;
}

/**
 * Judges a replayed answer: the classifier re-runs on the trace with the replayed span in
 * place of the recorded one, and the trial fails when a target category shows.
 *
 * @example const { failed } = judgeTrial({ index: 0, request, output, original, traceSpans, targets })
 */
export function judgeTrial(task: JudgeTask): Judgement {
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
  return {
    categories: [...new Set(findings.map((f) => f.category))],
    findings: findings.map((f) => ({ category: f.category, message: f.message })),
    failed: trialFails(findings, task.targets),
  };
}
