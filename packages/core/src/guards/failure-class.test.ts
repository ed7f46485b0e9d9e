import { describe, expect, it } from 'vitest';
import { classifyHttpFailure, failurePolicy, retryAfterMs } from './failure-class.js';

describe('failure classes', () => {
  it.each([
    [{ status: 400, code: 'context_length_exceeded' }, 'context_length'],
    [{ status: 400, message: 'prompt is too long: 210000 tokens' }, 'context_length'],
    [{ status: 400, code: 'content_filter' }, 'content_filter'],
    [{ status: 429 }, 'rate_limit'],
    [{ status: 503 }, 'server_error'],
    [{ status: 401 }, 'auth'],
    [{ status: 400 }, 'invalid_request'],
  ] as const)('%j is %s', (error, expected) => {
    expect(classifyHttpFailure(error)).toBe(expected);
  });

  it('never retries context length or content filter; timeouts only when idempotent', () => {
    expect(failurePolicy('context_length', { idempotent: true })).toEqual({
      retry: false,
      failover: false,
    });
    expect(failurePolicy('content_filter', { idempotent: true })).toEqual({
      retry: false,
      failover: false,
    });
    expect(failurePolicy('timeout', { idempotent: false })).toEqual({
      retry: false,
      failover: false,
    });
    expect(failurePolicy('timeout', { idempotent: true }).retry).toBe(true);
    expect(failurePolicy('stream_cut', { idempotent: true })).toEqual({
      retry: false,
      failover: true,
    });
  });

  it('reads Retry-After in seconds, as a date, and retry-after-ms', () => {
    expect(retryAfterMs({ 'retry-after': '2' }, 0)).toBe(2000);
    expect(retryAfterMs({ 'retry-after-ms': '150', 'retry-after': '1' }, 0)).toBe(150);
    expect(retryAfterMs({ 'retry-after': new Date(5000).toUTCString() }, 2000)).toBe(3000);
    expect(retryAfterMs({}, 0)).toBeNull();
    expect(retryAfterMs({ 'retry-after': 'soon' }, 0)).toBeNull();
  });
});
