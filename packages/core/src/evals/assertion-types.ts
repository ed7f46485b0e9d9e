import { DETERMINISTIC_ASSERTIONS } from './deterministic-assertions.js';
import { EVAL_ERROR_CODES, EvalError } from './eval-error.js';
import { MODEL_GRADED_ASSERTIONS } from './model-graded-assertions.js';

/** Types run by user code in a sandbox. */
export const SCRIPT_ASSERTIONS = new Set(['javascript']);

/** Every assertion type `glassbox eval` grades (without the `not-` prefix), sorted. */
export const SUPPORTED_ASSERTION_TYPES: readonly string[] = [
  ...Object.keys(DETERMINISTIC_ASSERTIONS),
  ...Object.keys(MODEL_GRADED_ASSERTIONS),
  ...SCRIPT_ASSERTIONS,
].sort();

const SUPPORTED = new Set(SUPPORTED_ASSERTION_TYPES);

/** `not-contains` → `{ baseType: 'contains', inverse: true }`. */
export function splitAssertionType(type: string): { baseType: string; inverse: boolean } {
  return type.startsWith('not-')
    ? { baseType: type.slice(4), inverse: true }
    : { baseType: type, inverse: false };
}

/**
 * Throws an error naming the type when `type` is not one `glassbox eval` grades, so no
 * assertion is ever skipped silently.
 *
 * @example
 * checkAssertionType('not-python'); // EvalError: assertion type "not-python" is not supported ...
 */
export function checkAssertionType(type: unknown, where: string): void {
  if (typeof type !== 'string' || type === '') {
    throw new EvalError(EVAL_ERROR_CODES.invalidConfig, `${where}: an assertion needs a "type"`);
  }
  if (type === 'assert-set') return;
  if (!SUPPORTED.has(splitAssertionType(type).baseType)) {
    throw new EvalError(
      EVAL_ERROR_CODES.unsupportedAssertion,
      `${where}: assertion type "${type}" is not supported (supported: ${SUPPORTED_ASSERTION_TYPES.join(', ')}, each also with "not-")`,
    );
  }
}
