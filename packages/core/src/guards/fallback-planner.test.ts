import { describe, expect, it } from 'vitest';
import { BreakerRegistry } from './circuit-breaker.js';
import { FallbackPlanner } from './fallback-planner.js';
import type { AttemptFailure, ChainLink, NextStep } from './fallback-planner.js';

const chain: ChainLink[] = [
  { provider: 'primary', model: 'm', maxAttempts: 2 },
  { provider: 'secondary', model: 'm', maxAttempts: 1 },
];
const planner = (breakers = new BreakerRegistry()) =>
  new FallbackPlanner(chain, {
    breakers,
    idempotent: true,
    backoffMs: (n) => 100 * n,
    maxRetryAfterMs: 10_000,
  });
const fail = (
  kind: AttemptFailure['kind'],
  retryAfterMs: number | null = null,
): AttemptFailure => ({ kind, retryAfterMs, message: kind });
const linkOf = (s: NextStep) => (s.action === 'attempt' ? s.link.provider : s.action);

describe('FallbackPlanner', () => {
  it('honours Retry-After, then fails over after the retry budget', () => {
    const p = planner();
    expect(linkOf(p.start(0))).toBe('primary');
    expect(p.failed(fail('rate_limit', 1500), 0)).toMatchObject({
      action: 'attempt',
      delayMs: 1500,
      link: { provider: 'primary' },
    });
    expect(linkOf(p.failed(fail('rate_limit', 1500), 2000))).toBe('secondary');
    expect(p.decisions.map((d) => d.decision)).toEqual(['retry', 'failover', 'attempt']);
  });

  it('fails over at once when Retry-After is beyond the cap', () => {
    const p = planner();
    p.start(0);
    expect(linkOf(p.failed(fail('rate_limit', 60_000), 0))).toBe('secondary');
    expect(p.decisions[0]!.reason).toMatch(/exceeds the 10 s cap/);
  });

  it('hands context-length and content-filter failures back untouched', () => {
    for (const kind of ['context_length', 'content_filter', 'invalid_request'] as const) {
      const p = planner();
      p.start(0);
      expect(p.failed(fail(kind), 0)).toEqual({ action: 'return_failure' });
    }
  });

  it('re-issues a cut stream to the fallback and gives a clear error when that breaks too', () => {
    const p = planner();
    p.start(0);
    expect(linkOf(p.failed(fail('stream_cut'), 0))).toBe('secondary');
    const end = p.failed(fail('stream_stall'), 0);
    expect(end.action).toBe('give_up');
    expect(end.action === 'give_up' && end.error.code).toBe('stream_incomplete');
    expect(end.action === 'give_up' && end.error.message).toMatch(/nothing partial was returned/);
  });

  it('does not retry a timeout of a non-idempotent call', () => {
    const p = new FallbackPlanner(chain, {
      breakers: new BreakerRegistry(),
      idempotent: false,
      backoffMs: () => 0,
      maxRetryAfterMs: 1,
    });
    p.start(0);
    expect(p.failed(fail('timeout'), 0)).toEqual({ action: 'return_failure' });
  });

  it('skips a provider whose breaker is open, and probes it when half-open', () => {
    const breakers = new BreakerRegistry({ openMs: 1000 });
    for (let i = 0; i < 3; i++) breakers.get('primary/m').record(false, i);
    const p = planner(breakers);
    expect(linkOf(p.start(10))).toBe('secondary');
    expect(p.decisions[0]).toMatchObject({ guard: 'breaker', decision: 'skip' });
    const later = planner(breakers);
    expect(linkOf(later.start(2000))).toBe('primary');
    later.succeeded(2001);
    expect(breakers.get('primary/m').state(2002)).toBe('closed');
  });
});
