/** Why the replay service refused a request; each maps to a 4xx API error. */
export const REPLAY_SERVICE_ERROR_CODES = ['no_provider', 'unknown_model', 'not_found'] as const;
export type ReplayServiceErrorCode = (typeof REPLAY_SERVICE_ERROR_CODES)[number];

/**
 * A replay that cannot start: no provider, a model no provider serves, a trace or span that
 * does not exist.
 *
 * @example throw new ReplayServiceError('not_found', 'trace 4bf9... not found');
 */
export class ReplayServiceError extends Error {
  override readonly name = 'ReplayServiceError';
  constructor(
    readonly code: ReplayServiceErrorCode,
    message: string,
  ) {
    super(message);
  }
}
