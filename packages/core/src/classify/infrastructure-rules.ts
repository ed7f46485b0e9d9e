import type { Span } from '../model/span.js';
import { makeFinding, type Finding } from './failure-categories.js';
import { callStatus, clip, errorText, httpStatus } from './span-text.js';

type InfraCategory = 'timeout' | 'rate_limit' | 'service_unavailable' | 'network_error';

const TIMEOUT = /timed? ?out|timeout|etimedout|esockettimedout|deadline exceeded|deadline_exceeded/;
const RATE_LIMIT =
  /rate.?limit|too many requests|quota exceeded|resource_exhausted|insufficient_quota/;
const UNAVAILABLE =
  /service unavailable|unavailable|overloaded|bad gateway|internal server error|server_error|upstream connect/;
const NETWORK =
  /econnrefused|econnreset|enotfound|eai_again|ehostunreach|enetunreach|socket hang up|fetch failed|network error|connection (?:reset|refused|closed)|epipe/;

/**
 * The infrastructure failure a span shows, from the SDK's call status, the HTTP status or the
 * error text, in that order of trust.
 */
export function infrastructureCategory(span: Span): InfraCategory | undefined {
  const status = callStatus(span);
  if (status === 'timeout') return 'timeout';
  if (status === 'rate_limit') return 'rate_limit';
  const http = httpStatus(span);
  const failed =
    span.status === 'error' || (status !== undefined && status !== 'success') || (http ?? 0) >= 400;
  if (!failed) return undefined;
  if (http === 429) return 'rate_limit';
  if (http === 408 || http === 504) return 'timeout';
  if (http === 500 || http === 502 || http === 503 || http === 529) return 'service_unavailable';
  const text = errorText(span).toLowerCase();
  if (RATE_LIMIT.test(text)) return 'rate_limit';
  if (TIMEOUT.test(text)) return 'timeout';
  if (NETWORK.test(text)) return 'network_error';
  if (UNAVAILABLE.test(text)) return 'service_unavailable';
  return undefined;
}

/** Timeout, rate limit, unavailable provider or network error on one span. */
export function infrastructureFindings(span: Span): Finding[] {
  const category = infrastructureCategory(span);
  if (!category) return [];
  const evidence = {
    callStatus: callStatus(span) ?? null,
    httpStatus: httpStatus(span) ?? null,
    error: clip(errorText(span)),
    durationMs: span.durationMs,
  };
  const what =
    span.kind === 'tool'
      ? `tool ${span.tool?.name ?? span.name}`
      : `${span.kind} span ${span.name}`;
  return [makeFinding(category, [span.spanId], `${what}: ${category.replace('_', ' ')}`, evidence)];
}
