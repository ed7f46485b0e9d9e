import { IngestError } from '../ingest/ingest-error.js';
import { BodyReadError } from '../otlp/read-body.js';
import { OtlpDecodeError } from '../otlp/otlp-decode-error.js';
import { ApiError } from './api-error.js';

/** Seconds a client should wait before retrying a refused or failed write. */
export const RETRY_AFTER_SECONDS = { queueFull: 1, storageUnavailable: 5 } as const;

interface CodedError {
  name?: unknown;
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
  validation?: unknown;
}

const STORE_INPUT_ERRORS = new Set(['invalid_cursor', 'invalid_query', 'invalid_argument']);

function fromKnownError(error: unknown): ApiError | undefined {
  const cause = { cause: error };
  if (error instanceof OtlpDecodeError) {
    return new ApiError('invalid_otlp_body', error.message, undefined, cause);
  }
  if (error instanceof BodyReadError) {
    const code = {
      too_large: 'body_too_large',
      unsupported_encoding: 'unsupported_media_type',
      corrupt: 'invalid_otlp_body',
    } as const;
    return new ApiError(code[error.reason], error.message, undefined, cause);
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
  return undefined;
}

/**
 * Normalizes anything thrown into an ApiError: our own pass through, decode/ingest errors
 * map to their codes, Fastify validation and client errors keep their meaning, store input
 * errors become 400, anything else 500.
 *
 * @example
 * toApiError(new Error('boom')).code // 'internal'
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const known = fromKnownError(error);
  if (known) return known;
  const coded = (typeof error === 'object' && error !== null ? error : {}) as CodedError;
  const message = typeof coded.message === 'string' ? coded.message : String(error);
  const cause = { cause: error };
  if (coded.validation !== undefined) {
    return new ApiError('invalid_request', message, undefined, cause);
  }
  if (coded.name === 'StoreError' && STORE_INPUT_ERRORS.has(String(coded.code))) {
    return new ApiError('invalid_request', message, undefined, cause);
  }
  if (coded.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new ApiError('unsupported_media_type', message, undefined, cause);
  }
  if (coded.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new ApiError('body_too_large', message, undefined, cause);
  }
  const status = typeof coded.statusCode === 'number' ? coded.statusCode : 500;
  if (status >= 400 && status < 500) {
    return new ApiError('invalid_request', message, undefined, cause);
  }
  return new ApiError('internal', 'internal server error', undefined, cause);
}
