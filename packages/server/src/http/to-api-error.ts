import { ArtifactError, type ArtifactErrorCode } from '@glassbox/core/artifacts';
import { EvalError } from '@glassbox/core/evals';
import { EvalNotFound } from '../services/evals/eval-service-error.js';
import { StoreError, type StoreErrorCode } from '@glassbox/store';
import { errorCodes } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { IngestError } from '../services/ingest/ingest-error.js';
import { OtlpDecodeError } from '../otlp/otlp-decode-error.js';
import { BodyReadError } from '../otlp/read-body.js';

/** Seconds a client should wait before retrying a refused or failed write. */
export const RETRY_AFTER_SECONDS = { queueFull: 1, storageUnavailable: 5 } as const;

/** Store refusals caused by the caller's input: answered as 400, not 500. */
const STORE_INPUT_ERRORS: ReadonlySet<StoreErrorCode> = new Set([
  'invalid_cursor',
  'invalid_query',
  'invalid_argument',
]);

/** Registry refusals that name something missing: 404; the rest are bad input, 400. */
const ARTIFACT_NOT_FOUND: ReadonlySet<ArtifactErrorCode> = new Set([
  'unknown_artifact',
  'unknown_label',
]);

const BODY_READ_CODES = {
  too_large: 'body_too_large',
  unsupported_encoding: 'unsupported_media_type',
  corrupt: 'invalid_otlp_body',
} as const;

function fromKnownError(error: unknown): ApiError | undefined {
  const cause = { cause: error };
  if (error instanceof OtlpDecodeError) {
    return new ApiError('invalid_otlp_body', error.message, undefined, cause);
  }
  if (error instanceof BodyReadError) {
    return new ApiError(BODY_READ_CODES[error.reason], error.message, undefined, cause);
  }
  if (error instanceof IngestError) {
    return error.code === 'queue_full'
      ? new ApiError('queue_full', error.message, RETRY_AFTER_SECONDS.queueFull, cause)
      : new ApiError(
          'storage_unavailable',
          error.message,
          RETRY_AFTER_SECONDS.storageUnavailable,
          cause,
        );
  }
  if (error instanceof ArtifactError) {
    const code =
      error.code === 'label_protected' || error.code === 'label_frozen'
        ? error.code
        : ARTIFACT_NOT_FOUND.has(error.code)
          ? 'not_found'
          : 'invalid_request';
    return new ApiError(code, error.message, undefined, cause);
  }
  if (error instanceof EvalError)
    return new ApiError('invalid_request', error.message, undefined, cause);
  if (error instanceof EvalNotFound)
    return new ApiError('not_found', error.message, undefined, cause);
  if (error instanceof StoreError && STORE_INPUT_ERRORS.has(error.code)) {
    return new ApiError('invalid_request', error.message, undefined, cause);
  }
  if (error instanceof errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE) {
    return new ApiError('unsupported_media_type', error.message, undefined, cause);
  }
  if (error instanceof errorCodes.FST_ERR_CTP_BODY_TOO_LARGE) {
    return new ApiError('body_too_large', error.message, undefined, cause);
  }
  return undefined;
}

/**
 * Normalizes anything thrown into an ApiError, matching errors by class: our own pass
 * through, decode/ingest errors map to their codes, store input errors and Fastify
 * validation and client errors become 400, anything else 500 with no detail.
 *
 * @example
 * toApiError(new Error('boom')).code // 'internal'
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const known = fromKnownError(error);
  if (known) return known;
  const cause = { cause: error };
  if (error instanceof Error) {
    const { validation, statusCode } = error as { validation?: unknown; statusCode?: unknown };
    const clientError = typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500;
    if (validation !== undefined || clientError) {
      return new ApiError('invalid_request', error.message, undefined, cause);
    }
  }
  return new ApiError('internal', 'internal server error', undefined, cause);
}
