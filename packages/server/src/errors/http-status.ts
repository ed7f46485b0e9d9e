import type { ApiErrorCode } from '@glassbox/core/api';

/** The HTTP status the server answers each API error code with. */
export const HTTP_STATUS = {
  invalid_request: 400,
  invalid_otlp_body: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  body_too_large: 413,
  unsupported_media_type: 415,
  queue_full: 429,
  storage_unavailable: 503,
  span_not_replayable: 400,
  no_provider: 400,
  unknown_model: 400,
  budget_too_small: 400,
  label_protected: 403,
  label_frozen: 409,
  internal: 500,
} as const satisfies Record<ApiErrorCode, number>;

/** The HTTP status of a code. */
export function httpStatusOf(code: ApiErrorCode): number {
  return HTTP_STATUS[code];
}
