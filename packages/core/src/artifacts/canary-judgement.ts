import { ArtifactError } from './artifact-error.js';

/**
 * One judged request as a client posts it: a pass/fail (`failed`, e.g. from a failure
 * finding), or an evaluator's score on one trace with the threshold it must reach.
 */
export interface CanaryJudgement {
  metric: string;
  failed?: boolean;
  /** An evaluator's score of one trace; fails below `passThreshold`. */
  score?: number;
  /** Default 0.5: scores are read as 0-1 pass probabilities unless told otherwise. */
  passThreshold?: number;
  traceId?: string;
}

/**
 * Reads a judgement as failed or not: `failed` when given, else `score < passThreshold`.
 * Throws `invalid_canary` when it carries neither, or both disagree.
 *
 * @example judgementFailed({ metric: 'faithfulness', score: 0.42, passThreshold: 0.7 }) // true
 */
export function judgementFailed(judgement: CanaryJudgement): boolean {
  const { failed, score, metric } = judgement;
  const threshold = judgement.passThreshold ?? 0.5;
  if (score !== undefined && !Number.isFinite(score)) {
    throw new ArtifactError('invalid_canary', `score of "${metric}" must be a finite number`);
  }
  const scored = score === undefined ? undefined : score < threshold;
  if (failed === undefined && scored === undefined) {
    throw new ArtifactError(
      'invalid_canary',
      `an outcome of "${metric}" needs "failed" or a "score" (with an optional "passThreshold")`,
    );
  }
  if (failed !== undefined && scored !== undefined && failed !== scored) {
    throw new ArtifactError(
      'invalid_canary',
      `an outcome of "${metric}" says failed ${failed} but its score ${score} is ${scored ? 'below' : 'at or above'} ${threshold}`,
    );
  }
  return failed ?? scored!;
}
