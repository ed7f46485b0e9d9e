/** Why the ingest pipeline refused or failed a submission. */
export const INGEST_ERROR_CODES = {
  queue_full: 'queue_full',
  commit_failed: 'commit_failed',
  closed: 'closed',
} as const;

export type IngestErrorCode = keyof typeof INGEST_ERROR_CODES;

/**
 * A refused or failed submission. Nothing of it was acknowledged; every code is retryable.
 *
 * @example
 * if (error instanceof IngestError && error.code === 'queue_full') reply.code(429);
 */
export class IngestError extends Error {
  override readonly name = 'IngestError';

  constructor(
    readonly code: IngestErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
