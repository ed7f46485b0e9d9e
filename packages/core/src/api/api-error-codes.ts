import type { Static } from '@sinclair/typebox';
import { Type } from './type-builder.js';
import { stringEnum } from './schema-helpers.js';

/**
 * Every error code the API answers with and what it means: `{ error: { code, message } }`.
 * Codes are stable; clients switch on them. The server maps each to its HTTP status and
 * publishes both in the OpenAPI `ErrorBody`, which a test checks.
 */
export const API_ERROR_CODES = {
  invalid_request: 'A parameter or body failed validation; the message names it.',
  invalid_otlp_body: 'An OTLP export body could not be decoded; the message says what was wrong.',
  unauthorized: 'The API key is missing, malformed or unknown.',
  forbidden: 'The API key is valid but lacks the scope this route needs; the message names it.',
  not_found: 'The trace, session or route does not exist.',
  body_too_large: 'The request body, raw or decompressed, exceeds the server limit.',
  unsupported_media_type:
    'The Content-Type or Content-Encoding is not supported (OTLP accepts application/x-protobuf and application/json, gzip, deflate or identity).',
  queue_full: 'The write queue is full; retry after the Retry-After seconds.',
  storage_unavailable:
    'The write could not be committed or the server is shutting down; nothing was acknowledged, retry after the Retry-After seconds.',
  span_not_replayable:
    'The span cannot be replayed (not an LLM call, no captured messages, hash-only mode, a tool result never recorded); the message says what is missing.',
  no_provider:
    'No model provider is configured for replay; the message says how (OPENAI_API_KEY / OPENAI_BASE_URL, or --providers providers.yaml).',
  unknown_model:
    'No configured provider serves the model, or the provider answered that it does not exist.',
  budget_too_small:
    'The budget does not cover one trial at the price-table estimate; raise it or lower the trials.',
  label_protected:
    'The artifact label is protected: moving it needs a passing eval gate for the target version, or `override` with a reason.',
  label_frozen:
    'The artifact label is held (frozen) for an incident; release the hold before moving it.',
  internal: 'An unexpected failure; the server log has details.',
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_CODES;

/** The codes as a list, in table order. */
export const API_ERROR_CODE_LIST = Object.keys(API_ERROR_CODES) as ApiErrorCode[];

/**
 * The body of every error answer.
 *
 * @example
 * // { "error": { "code": "not_found", "message": "trace 4bf9... not found" } }
 */
export const errorBody = (description?: string) =>
  Type.Object(
    {
      error: Type.Object({
        code: stringEnum(API_ERROR_CODE_LIST),
        message: Type.String(),
      }),
    },
    description === undefined ? {} : { description },
  );

export type ErrorBody = Static<ReturnType<typeof errorBody>>;
