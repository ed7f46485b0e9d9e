/** Stable codes of every error the evals domain raises. */
export const EVAL_ERROR_CODES = {
  invalidConfig: 'EVAL_INVALID_CONFIG',
  unsupportedKey: 'EVAL_UNSUPPORTED_KEY',
  unsupportedAssertion: 'EVAL_UNSUPPORTED_ASSERTION',
  invalidAssertion: 'EVAL_INVALID_ASSERTION',
  template: 'EVAL_TEMPLATE',
  invalidJudgeAnswer: 'EVAL_INVALID_JUDGE_ANSWER',
  invalidData: 'EVAL_INVALID_DATA',
  missingService: 'EVAL_MISSING_SERVICE',
} as const;
export type EvalErrorCode = (typeof EVAL_ERROR_CODES)[keyof typeof EVAL_ERROR_CODES];

/**
 * A bad eval configuration, assertion, template or judge answer; `code` is stable and the
 * message names the offending key, type or line.
 *
 * @example
 * throw new EvalError(EVAL_ERROR_CODES.unsupportedAssertion, 'assertion type "python" is not supported');
 */
export class EvalError extends Error {
  override readonly name = 'EvalError';
  constructor(
    readonly code: EvalErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function invalidAssertion(type: string, message: string): EvalError {
  return new EvalError(EVAL_ERROR_CODES.invalidAssertion, `"${type}" assertion ${message}`);
}
