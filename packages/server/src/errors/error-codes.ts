/**
 * Every error code the server answers with, its HTTP status and what it means. This table
 * is the documentation: it feeds the OpenAPI `ErrorBody` schema, and a test checks every
 * code is published there.
 */
export const ERROR_CODES = {
  invalid_request: {
    status: 400,
    description: 'A parameter or body failed validation; the message names it.',
  },
  invalid_otlp_body: {
    status: 400,
    description: 'An OTLP export body could not be decoded; the message says what was wrong.',
  },
  unauthorized: {
    status: 401,
    description: 'The API key is missing, malformed or unknown.',
  },
  not_found: { status: 404, description: 'The trace, session or route does not exist.' },
  body_too_large: {
    status: 413,
    description: 'The request body, raw or decompressed, exceeds the server limit.',
  },
  unsupported_media_type: {
    status: 415,
    description:
      'The Content-Type or Content-Encoding is not supported (OTLP accepts application/x-protobuf and application/json, gzip, deflate or identity).',
  },
  queue_full: {
    status: 429,
    description: 'The write queue is full; retry after the Retry-After seconds.',
  },
  storage_unavailable: {
    status: 503,
    description:
      'The write could not be committed or the server is shutting down; nothing was acknowledged, retry after the Retry-After seconds.',
  },
  internal: { status: 500, description: 'An unexpected failure; the server log has details.' },
} as const satisfies Record<string, { status: number; description: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The codes as a list, in table order. */
export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as ErrorCode[];

/** The HTTP status of a code. */
export function httpStatusOf(code: ErrorCode): number {
  return ERROR_CODES[code].status;
}
