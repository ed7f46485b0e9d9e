/** Why an upstream call failed, as far as retries and fail-over care. */
export type FailureClass =
  | 'rate_limit'
  | 'server_error'
  | 'network'
  | 'timeout'
  | 'first_token_timeout'
  | 'stream_cut'
  | 'stream_stall'
  | 'malformed_stream'
  | 'context_length'
  | 'content_filter'
  | 'invalid_request'
  | 'auth';

/** What a guard may do after a failure of a class. */
export interface FailurePolicy {
  /** Try the same provider again (with backoff; Retry-After for rate limits). */
  retry: boolean;
  /** Move on to the next provider of the fallback chain. */
  failover: boolean;
}

/**
 * Retries by failure class: rate limits and 5xx/network errors are retried and then failed
 * over; a timeout is retried only when the call is idempotent (a side-effecting call may have
 * happened); stream faults are re-issued to the fallback; context-length, content-filter,
 * invalid-request and auth errors are answered as they are, never retried.
 *
 * @example failurePolicy('timeout', { idempotent: false }) // { retry: false, failover: false }
 */
export function failurePolicy(kind: FailureClass, call: { idempotent: boolean }): FailurePolicy {
  switch (kind) {
    case 'rate_limit':
    case 'server_error':
    case 'network':
      return { retry: true, failover: true };
    case 'timeout':
    case 'first_token_timeout':
      return { retry: call.idempotent, failover: call.idempotent };
    case 'stream_cut':
    case 'stream_stall':
    case 'malformed_stream':
      return { retry: false, failover: true };
    case 'context_length':
    case 'content_filter':
    case 'invalid_request':
    case 'auth':
      return { retry: false, failover: false };
  }
}

/** What is known of a failed HTTP answer from an OpenAI-compatible upstream. */
export interface UpstreamError {
  status: number;
  /** `error.code` of the body, when present. */
  code?: string | null;
  /** `error.type` of the body. */
  type?: string | null;
  message?: string | null;
}

/**
 * The class of an HTTP error answer, reading OpenAI's codes and Anthropic's "prompt is too
 * long" message (REFERENCE.md section 3).
 *
 * @example classifyHttpFailure({ status: 400, code: 'context_length_exceeded' }) // 'context_length'
 */
export function classifyHttpFailure(error: UpstreamError): FailureClass {
  const code = (error.code ?? '').toLowerCase();
  const message = (error.message ?? '').toLowerCase();
  if (
    code === 'context_length_exceeded' ||
    /prompt is too long|maximum context length/.test(message)
  )
    return 'context_length';
  if (code === 'content_filter' || code === 'content_policy_violation') return 'content_filter';
  if (error.status === 429) return 'rate_limit';
  if (error.status === 401 || error.status === 403) return 'auth';
  if (error.status === 408) return 'timeout';
  if (error.status >= 500) return 'server_error';
  return 'invalid_request';
}

/**
 * Milliseconds to wait from a `Retry-After` (seconds or HTTP date) or `retry-after-ms`
 * header; null when absent or unreadable.
 *
 * @example retryAfterMs({ 'retry-after': '2' }, Date.now()) // 2000
 */
export function retryAfterMs(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  now: number,
): number | null {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const ms = Number(first(headers['retry-after-ms']));
  if (first(headers['retry-after-ms']) !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const value = first(headers['retry-after']);
  if (value === undefined) return null;
  const seconds = Number(value);
  if (value.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
