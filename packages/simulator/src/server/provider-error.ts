/** Stable codes of the errors the simulated provider returns, with their HTTP status. */
export const PROVIDER_ERROR_STATUS = {
  invalid_request: 400,
  context_length_exceeded: 400,
  invalid_config: 400,
  model_not_found: 404,
  not_found: 404,
  method_not_allowed: 405,
  rate_limit_exceeded: 429,
  server_error: 500,
  bad_gateway: 502,
  overloaded: 503,
} as const;

export type ProviderErrorCode = keyof typeof PROVIDER_ERROR_STATUS;

const TYPE_BY_CODE: Record<ProviderErrorCode, string> = {
  invalid_request: 'invalid_request_error',
  context_length_exceeded: 'invalid_request_error',
  invalid_config: 'invalid_request_error',
  model_not_found: 'invalid_request_error',
  not_found: 'invalid_request_error',
  method_not_allowed: 'invalid_request_error',
  rate_limit_exceeded: 'requests',
  server_error: 'server_error',
  bad_gateway: 'server_error',
  overloaded: 'server_error',
};

/** The `code` field OpenAI puts in the body; generic errors carry null there. */
const WIRE_CODE: Partial<Record<ProviderErrorCode, string>> = {
  context_length_exceeded: 'context_length_exceeded',
  invalid_config: 'invalid_config',
  model_not_found: 'model_not_found',
  rate_limit_exceeded: 'rate_limit_exceeded',
};

/**
 * An error answered in OpenAI's shape: `{ error: { message, type, param, code } }`.
 *
 * @example throw new ProviderError('rate_limit_exceeded', 'Rate limit reached', { retryAfterSeconds: 2 })
 */
export class ProviderError extends Error {
  readonly status: number;
  readonly param: string | null;
  readonly retryAfterSeconds: number | null;

  constructor(
    readonly code: ProviderErrorCode,
    message: string,
    options: { param?: string | null; retryAfterSeconds?: number | null; status?: number } = {},
  ) {
    super(message);
    this.name = 'ProviderError';
    this.status = options.status ?? PROVIDER_ERROR_STATUS[code];
    this.param = options.param ?? null;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }

  toBody(): {
    error: { message: string; type: string; param: string | null; code: string | null };
  } {
    return {
      error: {
        message: this.message,
        type: TYPE_BY_CODE[this.code],
        param: this.param,
        code: WIRE_CODE[this.code] ?? null,
      },
    };
  }
}
