import type { BreakerRegistry } from './circuit-breaker.js';
import type { FailureClass } from './failure-class.js';
import { failurePolicy } from './failure-class.js';
import type { GuardDecision } from './guard-event.js';
import { GuardError } from './guard-error.js';

/** One provider and model of a fallback chain, with its own retry budget. */
export interface ChainLink {
  provider: string;
  model: string;
  /** Attempts on this link, the first included (1 = no retry). */
  maxAttempts: number;
}

/** A failed attempt as the edge observed it. */
export interface AttemptFailure {
  kind: FailureClass;
  /** From Retry-After / retry-after-ms, when the answer had one. */
  retryAfterMs: number | null;
  message: string;
}

export interface FallbackPlannerOptions {
  breakers: BreakerRegistry;
  /** Re-issuing the call is safe (model calls are; side-effecting tools are not). */
  idempotent: boolean;
  /** Delay before retry number `attempt` (1-based) when no Retry-After says otherwise. */
  backoffMs: (attempt: number) => number;
  /** A Retry-After longer than this fails over instead of waiting (no 130 s hangs). */
  maxRetryAfterMs: number;
}

export type NextStep =
  | { action: 'attempt'; link: ChainLink; delayMs: number; index: number }
  | { action: 'give_up'; error: GuardError }
  /** The failure is the caller's answer (context length, content filter, bad request). */
  | { action: 'return_failure' };

/**
 * The retry and fail-over decisions of one call over an ordered chain, as a pure state
 * machine the SDK and the gateway drive with their own I/O: retries by failure class
 * (Retry-After honoured up to a cap, backoff otherwise), a circuit breaker per provider and
 * model, fail-over after a link's retry budget, and a clear error naming every attempt when
 * the chain is exhausted. Every decision is kept for the span.
 *
 * @example
 * const plan = new FallbackPlanner(chain, options);
 * for (let step = plan.start(Date.now()); step.action === 'attempt'; step = plan.failed(f, Date.now())) { ... }
 */
export class FallbackPlanner {
  readonly decisions: GuardDecision[] = [];
  private readonly failures: string[] = [];
  private index = -1;
  private attempts = 0;
  private lastKind: FailureClass | null = null;

  constructor(
    private readonly chain: readonly ChainLink[],
    private readonly options: FallbackPlannerOptions,
  ) {
    if (chain.length === 0) throw new RangeError('a fallback chain needs at least one provider');
    for (const link of chain) {
      if (!Number.isInteger(link.maxAttempts) || link.maxAttempts < 1)
        throw new RangeError(
          `maxAttempts of ${link.provider}/${link.model} must be a positive integer`,
        );
    }
  }

  /** The link now being tried. */
  get current(): ChainLink | undefined {
    return this.chain[this.index];
  }

  start(now: number): NextStep {
    return this.advance(now, 0);
  }

  /** The attempt succeeded: closes a half-open breaker. */
  succeeded(now: number): void {
    const link = this.current;
    if (link) this.options.breakers.get(key(link)).record(true, now);
  }

  /** The attempt failed: retry, fail over, give up, or hand the failure back. */
  failed(failure: AttemptFailure, now: number): NextStep {
    const link = this.current;
    if (!link) throw new Error('failed() called before start()');
    this.lastKind = failure.kind;
    this.failures.push(`${key(link)}: ${failure.kind} (${failure.message})`);
    const policy = failurePolicy(failure.kind, { idempotent: this.options.idempotent });
    const healthFailure = policy.retry || policy.failover || failure.kind === 'timeout';
    if (healthFailure) this.options.breakers.get(key(link)).record(false, now);
    if (!policy.retry && !policy.failover) {
      this.decide('retry', 'none', `${failure.kind} is never retried: ${failure.message}`);
      return { action: 'return_failure' };
    }
    const open = this.options.breakers.get(key(link)).state(now) !== 'closed';
    const tooLong =
      failure.retryAfterMs !== null && failure.retryAfterMs > this.options.maxRetryAfterMs;
    if (policy.retry && this.attempts < link.maxAttempts && !open && !tooLong) {
      this.attempts += 1;
      const delayMs = failure.retryAfterMs ?? this.options.backoffMs(this.attempts - 1);
      this.decide(
        'retry',
        'retry',
        `${failure.kind} on ${key(link)}: attempt ${this.attempts} of ${link.maxAttempts} after ${Math.round(delayMs)} ms${failure.retryAfterMs !== null ? ' (Retry-After)' : ''}`,
      );
      return { action: 'attempt', link, delayMs, index: this.index };
    }
    const why = tooLong
      ? `Retry-After ${Math.round(failure.retryAfterMs! / 1000)} s exceeds the ${Math.round(this.options.maxRetryAfterMs / 1000)} s cap`
      : open
        ? 'circuit opened'
        : policy.retry
          ? `retry budget of ${link.maxAttempts} attempts spent`
          : `${failure.kind} is not retried on the same provider`;
    if (!policy.failover) return this.giveUp(`${failure.kind} on ${key(link)}: ${why}`);
    this.decide('fallback', 'failover', `${failure.kind} on ${key(link)}: ${why}`);
    return this.advance(now, this.index + 1);
  }

  private advance(now: number, from: number): NextStep {
    for (let i = from; i < this.chain.length; i++) {
      const link = this.chain[i]!;
      const admission = this.options.breakers.get(key(link)).admit(now);
      if (!admission.pass) {
        this.decide('breaker', 'skip', `${key(link)} skipped: ${admission.reason}`);
        this.failures.push(`${key(link)}: skipped (${admission.reason})`);
        continue;
      }
      if (admission.probe) this.decide('breaker', 'probe', `${key(link)} half-open: probing`);
      this.index = i;
      this.attempts = 1;
      if (i > 0)
        this.decide(
          'fallback',
          'attempt',
          `trying ${key(link)} (${i + 1} of ${this.chain.length})`,
        );
      return { action: 'attempt', link, delayMs: 0, index: i };
    }
    return this.giveUp('every provider of the chain failed or is open');
  }

  private giveUp(summary: string): NextStep {
    const stream =
      this.lastKind === 'stream_cut' ||
      this.lastKind === 'stream_stall' ||
      this.lastKind === 'malformed_stream';
    const error = new GuardError(
      stream ? 'stream_incomplete' : this.lastKind === null ? 'circuit_open' : 'upstream_failed',
      `${stream ? 'The answer stream broke and could not be recovered; nothing partial was returned' : 'The upstream call failed'}: ${summary}. Attempts: ${this.failures.join('; ')}`,
      { attempts: this.failures.length },
    );
    this.decide('fallback', 'give_up', error.message);
    return { action: 'give_up', error };
  }

  private decide(guard: GuardDecision['guard'], decision: string, reason: string): void {
    this.decisions.push({ guard, decision, reason });
  }
}

function key(link: ChainLink): string {
  return `${link.provider}/${link.model}`;
}
