import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { AttemptFailure } from '@glassbox/core/guards';
import { classifyHttpFailure, retryAfterMs } from '@glassbox/core/guards';
import type { ProviderConfig } from '@glassbox/core/providers';
import { headerObject, exchangeJson } from '../upstream/json-exchange.js';
import type { UpstreamAbort } from '../upstream/send-upstream.js';
import { sendUpstream } from '../upstream/send-upstream.js';

/** A non-streaming attempt's result. */
export type JsonAttempt =
  | {
      ok: true;
      status: number;
      /** The upstream's headers, flat `[name, value, ...]`, names lower-cased. */
      headers: string[];
      body: Buffer;
      parsed: Record<string, unknown>;
    }
  | {
      ok: false;
      failure: AttemptFailure;
      status: number | null;
      headers: IncomingHttpHeaders;
      body: Buffer | null;
    };

/** The failure of an HTTP error answer, reading OpenAI's error body and Retry-After. */
export function httpFailure(
  status: number,
  headers: IncomingHttpHeaders,
  body: Buffer,
): AttemptFailure {
  let error: { code?: string | null; type?: string | null; message?: string | null } = {};
  try {
    error = ((JSON.parse(body.toString('utf8')) as { error?: typeof error }).error ??
      {}) as typeof error;
  } catch {
    // a non-JSON error body still has its status
  }
  return {
    kind: classifyHttpFailure({
      status,
      code: error.code ?? null,
      type: error.type ?? null,
      message: error.message ?? null,
    }),
    retryAfterMs: retryAfterMs(headers, Date.now()),
    message: `HTTP ${status}${error.message ? `: ${error.message.slice(0, 200)}` : ''}`,
  };
}

/** Classifies a thrown connection error: a timeout (our abort) or a network failure. */
export function thrownFailure(
  error: unknown,
  timedOut: boolean,
  timeoutMs: number,
): AttemptFailure {
  if (timedOut)
    return { kind: 'timeout', retryAfterMs: null, message: `no answer within ${timeoutMs} ms` };
  const e = error as NodeJS.ErrnoException;
  return { kind: 'network', retryAfterMs: null, message: `${e.code ?? e.name}: ${e.message}` };
}

/**
 * Opens an upstream request with a deadline for its headers; `abort` cancels it later
 * (stream timeouts). Resolves with the response, or the failure.
 */
export async function openUpstream(
  provider: ProviderConfig,
  path: string,
  body: Buffer,
  headers: IncomingHttpHeaders,
  apiKey: string | null,
  deadlineMs: number,
  abort: UpstreamAbort,
): Promise<
  { ok: true; res: IncomingMessage; clear: () => void } | { ok: false; failure: AttemptFailure }
> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, deadlineMs);
  try {
    const res = await sendUpstream({
      provider,
      path,
      method: 'POST',
      body,
      headers,
      apiKey,
      abort,
    });
    return { ok: true, res, clear: () => clearTimeout(timer) };
  } catch (error) {
    clearTimeout(timer);
    return { ok: false, failure: thrownFailure(error, timedOut, deadlineMs) };
  }
}

/**
 * One non-streaming attempt: the whole answer within the provider's request timeout, parsed
 * (an unparseable 200 is a failure, not an answer).
 */
export async function jsonAttempt(
  provider: ProviderConfig,
  path: string,
  body: Buffer,
  callerHeaders: readonly string[],
  apiKey: string | null,
): Promise<JsonAttempt> {
  const deadlineMs = provider.timeouts.requestMs;
  const answer = await exchangeJson({ provider, path, body, callerHeaders, apiKey, deadlineMs });
  if (!answer.ok)
    return {
      ok: false,
      failure: thrownFailure(answer.error, answer.timedOut, deadlineMs),
      status: answer.status,
      headers: {},
      body: null,
    };
  const { status, body: data } = answer;
  if (status >= 400) {
    const headers = headerObject(answer.headers);
    return { ok: false, failure: httpFailure(status, headers, data), status, headers, body: data };
  }
  try {
    const parsed = JSON.parse(data.toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    return {
      ok: true,
      status,
      headers: answer.headers,
      body: data,
      parsed: parsed as Record<string, unknown>,
    };
  } catch {
    return {
      ok: false,
      failure: {
        kind: 'malformed_stream',
        retryAfterMs: null,
        message: 'the upstream answered 200 with a body that is not JSON',
      },
      status,
      headers: headerObject(answer.headers),
      body: data,
    };
  }
}
