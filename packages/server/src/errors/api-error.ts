import type { ApiErrorCode } from '@glassbox/core/api';
import { httpStatusOf } from './http-status.js';

/**
 * An error the server answers with: a stable code (see API_ERROR_CODES), a message for
 * people, and for retryable codes the seconds to wait (sent as Retry-After).
 *
 * @example
 * throw new ApiError('not_found', `trace ${traceId} not found`);
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  get statusCode(): number {
    return httpStatusOf(this.code);
  }
}
