import type {
  AttemptFailure,
  BreakerRegistry,
  ChainLink,
  FailureClass,
} from '@glassbox/core/guards';
import { FallbackPlanner, classifyHttpFailure, retryAfterMs } from '@glassbox/core/guards';
import { jitterBackoff } from './jitter-backoff.js';
import { recordGuardDecision } from './record-guard-decision.js';

/** A link of the chain and how to call it. */
export interface GuardedLink<T> extends ChainLink {
  call: (signal: AbortSignal) => Promise<T>;
}

export interface GuardedCallOptions {
  /** Share one registry across calls so breakers see every failure of a provider. */
  breakers: BreakerRegistry;
  /** Default true: a model call may be re-issued. False for side-effecting calls. */
  idempotent?: boolean;
  /** Default 10 s: a longer Retry-After fails over instead of waiting. */
  maxRetryAfterMs?: number;
  backoff?: { initialDelayMs: number; maxDelayMs: number };
}

/**
 * Calls a model through an ordered fallback chain with the shared guards: retries by
 * failure class (Retry-After honoured, jittered backoff from cockatiel for 5xx and network
 * errors, never for context-length, content-filter or invalid requests), a breaker per
 * provider and model, fail-over after each link's retry budget. Every decision is a span
 * event; an exhausted chain throws a GuardError naming every attempt.
 *
 * @example
 * const breakers = new BreakerRegistry();
 * const answer = await guardedModelCall([
 *   { provider: 'openai', model: 'gpt-4o', maxAttempts: 3, call: (signal) => openai.chat.completions.create(body, { signal }) },
 *   { provider: 'backup', model: 'gpt-4o', maxAttempts: 1, call: (signal) => backup.chat.completions.create(body, { signal }) },
 * ], { breakers });
 */
export async function guardedModelCall<T>(
  chain: readonly GuardedLink<T>[],
  options: GuardedCallOptions,
): Promise<T> {
  const planner = new FallbackPlanner(chain, {
    breakers: options.breakers,
    idempotent: options.idempotent ?? true,
    backoffMs: jitterBackoff(options.backoff ?? { initialDelayMs: 100, maxDelayMs: 5000 }),
    maxRetryAfterMs: options.maxRetryAfterMs ?? 10_000,
  });
  let recorded = 0;
  const flush = () => {
    for (; recorded < planner.decisions.length; recorded++)
      recordGuardDecision(planner.decisions[recorded]!);
  };
  let lastError: unknown;
  let step = planner.start(Date.now());
  for (;;) {
    flush();
    if (step.action === 'give_up') throw step.error;
    if (step.action === 'return_failure') throw lastError;
    const { delayMs, index } = step;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const link = chain[index]!;
    try {
      const result = await link.call(new AbortController().signal);
      planner.succeeded(Date.now());
      return result;
    } catch (error) {
      lastError = error;
      step = planner.failed(failureOf(error), Date.now());
    }
  }
}

interface ErrorLike {
  status?: unknown;
  code?: unknown;
  type?: unknown;
  message?: unknown;
  name?: unknown;
  headers?: unknown;
  error?: { code?: unknown; type?: unknown };
}

/**
 * The failure class of an error thrown by the openai client or a compatible one (HTTP
 * status, error code, Retry-After headers; connection and timeout errors by name).
 *
 * @example failureOf(rateLimitError) // { kind: 'rate_limit', retryAfterMs: 2000, ... }
 */
export function failureOf(error: unknown): AttemptFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const message = typeof e.message === 'string' ? e.message : String(error);
  const name = error instanceof Error ? error.constructor.name || error.name : '';
  const status = typeof e.status === 'number' ? e.status : undefined;
  const headers = headerRecord(e.headers);
  let kind: FailureClass;
  if (name === 'APIConnectionTimeoutError' || e.name === 'TimeoutError') kind = 'timeout';
  else if (status === undefined) kind = 'network';
  else
    kind = classifyHttpFailure({
      status,
      code: str(e.code) ?? str(e.error?.code) ?? null,
      type: str(e.type) ?? str(e.error?.type) ?? null,
      message,
    });
  return { kind, retryAfterMs: retryAfterMs(headers, Date.now()), message };
}

function headerRecord(headers: unknown): Record<string, string> {
  if (!headers || typeof headers !== 'object') return {};
  if (
    typeof (headers as Headers).forEach === 'function' &&
    typeof (headers as Headers).get === 'function'
  ) {
    const out: Record<string, string> = {};
    (headers as Headers).forEach((v, k) => (out[k.toLowerCase()] = v));
    return out;
  }
  return Object.fromEntries(
    Object.entries(headers as Record<string, unknown>).map(([k, v]) => [
      k.toLowerCase(),
      String(v),
    ]),
  );
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
