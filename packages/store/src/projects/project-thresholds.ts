import { resolveThresholds, type ClassifierThresholds } from '@glassbox/core/classify';
import { StoreError } from '../store-error.js';

/**
 * Checks a project's threshold overrides with the classifier's own rules and returns a copy,
 * turning a refusal into StoreError `invalid_argument` with the classifier's message.
 *
 * @example
 * checkThresholds({ stepLimit: 10 }); // { stepLimit: 10 }
 * checkThresholds({ stepLimt: 10 }); // throws: unknown threshold "stepLimt"
 */
export function checkThresholds(
  thresholds: Partial<ClassifierThresholds>,
): Partial<ClassifierThresholds> {
  if (typeof thresholds !== 'object' || thresholds === null || Array.isArray(thresholds)) {
    throw new StoreError('invalid_argument', 'thresholds must be an object');
  }
  try {
    resolveThresholds(thresholds);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new StoreError('invalid_argument', reason, { cause });
  }
  return structuredClone(thresholds);
}
