/** Stable codes of every error replay planning and bisection raise. */
export const REPLAY_ERROR_CODES = [
  /** The span lacks what a replay needs (messages, model) or holds only hashes. */
  'span_not_replayable',
  /** An override names a message, factor or parameter that does not exist. */
  'invalid_override',
  /** Bisection inputs that cannot give an answer (no differing factor, no target categories). */
  'invalid_bisection',
  /** An evaluator a replay cannot run (a model-graded or unknown assertion type). */
  'invalid_evaluator',
  /** The budget does not cover one trial. */
  'budget_too_small',
] as const;
export type ReplayErrorCode = (typeof REPLAY_ERROR_CODES)[number];

/**
 * Why a replay or bisection cannot be planned; the message says what is missing and how to
 * get it.
 *
 * @example
 * new ReplayError('span_not_replayable', 'span 00f0... has no captured input messages', ['input messages'])
 */
export class ReplayError extends Error {
  override readonly name = 'ReplayError';
  constructor(
    readonly code: ReplayErrorCode,
    message: string,
    /** For span_not_replayable: the recorded fields that are missing. */
    readonly missing: readonly string[] = [],
  ) {
    super(message);
  }
}
