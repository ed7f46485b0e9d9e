/** Stable codes of errors raised by the classifier and the diagnosis. */
export const CLASSIFIER_ERROR_CODES = {
  invalidThreshold: 'CLASSIFIER_INVALID_THRESHOLD',
  unknownThreshold: 'CLASSIFIER_UNKNOWN_THRESHOLD',
  invalidSchema: 'CLASSIFIER_INVALID_SCHEMA',
} as const;
export type ClassifierErrorCode =
  (typeof CLASSIFIER_ERROR_CODES)[keyof typeof CLASSIFIER_ERROR_CODES];

/** A bad configuration or argument given to the classifier; `code` is stable. */
export class ClassifierError extends Error {
  override readonly name = 'ClassifierError';
  constructor(
    readonly code: ClassifierErrorCode,
    message: string,
  ) {
    super(message);
  }
}
