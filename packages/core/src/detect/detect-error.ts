/** Stable codes of detection errors. */
export const DETECT_ERROR_CODES = [
  'invalid_metric',
  'invalid_monitor',
  'invalid_segment',
  'invalid_rollup',
] as const;
export type DetectErrorCode = (typeof DETECT_ERROR_CODES)[number];

/**
 * A bad metric name, monitor definition or rollup request; `path` names the offending field
 * (e.g. `monitors[2].params.h`).
 *
 * @example
 * throw new DetectError('invalid_metric', 'unknown metric "latncy"', 'metric');
 */
export class DetectError extends Error {
  override readonly name = 'DetectError';
  constructor(
    readonly code: DetectErrorCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}
