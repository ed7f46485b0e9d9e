/** Where a breaker stands: passing calls, refusing them, or letting one probe through. */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Failures inside `windowMs` that open the breaker (the case study's rule: 3). */
  failureThreshold: number;
  /** The sliding window failures are counted in (30 s). */
  windowMs: number;
  /** How long an open breaker refuses calls before one probe is let through. */
  openMs: number;
}

export const DEFAULT_BREAKER_OPTIONS: Readonly<CircuitBreakerOptions> = {
  failureThreshold: 3,
  windowMs: 30_000,
  openMs: 30_000,
};

/** What the breaker says about the next call. */
export type BreakerAdmission =
  { pass: true; probe: boolean } | { pass: false; retryInMs: number; reason: string };

/**
 * A count-in-window circuit breaker as a pure state machine: `failureThreshold` failures
 * within `windowMs` open it; after `openMs` a single probe is admitted (half-open); the
 * probe's success closes it, its failure opens it again. Time is passed in, so the same
 * breaker runs in the SDK, the gateway and tests with a fake clock.
 *
 * @example
 * const breaker = new CircuitBreaker();
 * const admission = breaker.admit(Date.now());
 * if (admission.pass) breaker.record(ok, Date.now());
 */
export class CircuitBreaker {
  private readonly options: CircuitBreakerOptions;
  private failures: number[] = [];
  private openedAt: number | null = null;
  private probing = false;

  constructor(options: Partial<CircuitBreakerOptions> = {}) {
    this.options = { ...DEFAULT_BREAKER_OPTIONS, ...options };
    const { failureThreshold, windowMs, openMs } = this.options;
    if (!Number.isInteger(failureThreshold) || failureThreshold < 1)
      throw new RangeError(`failureThreshold must be a positive integer, got ${failureThreshold}`);
    if (!(windowMs > 0)) throw new RangeError(`windowMs must be positive, got ${windowMs}`);
    if (!(openMs >= 0)) throw new RangeError(`openMs must not be negative, got ${openMs}`);
  }

  state(now: number): BreakerState {
    if (this.openedAt === null) return 'closed';
    return now - this.openedAt >= this.options.openMs ? 'half-open' : 'open';
  }

  /** Whether a call may go now; in half-open only one probe at a time passes. */
  admit(now: number): BreakerAdmission {
    const state = this.state(now);
    if (state === 'closed') return { pass: true, probe: false };
    if (state === 'half-open' && !this.probing) {
      this.probing = true;
      return { pass: true, probe: true };
    }
    const retryInMs = Math.max(0, this.openedAt! + this.options.openMs - now);
    return {
      pass: false,
      retryInMs,
      reason:
        state === 'open'
          ? `circuit open after ${this.options.failureThreshold} failures in ${this.options.windowMs / 1000} s`
          : 'circuit half-open: a probe is in flight',
    };
  }

  /** Records the outcome of an admitted call. */
  record(success: boolean, now: number): void {
    const wasProbe = this.probing;
    this.probing = false;
    if (success) {
      if (wasProbe || this.openedAt !== null) {
        this.openedAt = null;
        this.failures = [];
      }
      return;
    }
    if (wasProbe || this.openedAt !== null) {
      this.openedAt = now;
      return;
    }
    const since = now - this.options.windowMs;
    this.failures = this.failures.filter((t) => t > since);
    this.failures.push(now);
    if (this.failures.length >= this.options.failureThreshold) {
      this.openedAt = now;
      this.failures = [];
    }
  }
}

/**
 * One breaker per key (provider and model), created on first use.
 *
 * @example new BreakerRegistry().get('openai/gpt-4o').admit(Date.now())
 */
export class BreakerRegistry {
  private readonly breakers = new Map<string, CircuitBreaker>();
  constructor(private readonly options: Partial<CircuitBreakerOptions> = {}) {}

  get(key: string): CircuitBreaker {
    let breaker = this.breakers.get(key);
    if (!breaker) {
      breaker = new CircuitBreaker(this.options);
      this.breakers.set(key, breaker);
    }
    return breaker;
  }

  /** Every breaker's state, for health endpoints. */
  states(now: number): Record<string, BreakerState> {
    return Object.fromEntries([...this.breakers].map(([k, b]) => [k, b.state(now)]));
  }
}
