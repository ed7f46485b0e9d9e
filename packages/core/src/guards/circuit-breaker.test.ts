import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';

describe('CircuitBreaker', () => {
  it('opens after 3 failures inside 30 s, not after 3 spread wider', () => {
    const spread = new CircuitBreaker();
    spread.record(false, 0);
    spread.record(false, 20_000);
    spread.record(false, 40_001);
    expect(spread.state(40_001)).toBe('closed');

    const breaker = new CircuitBreaker();
    for (const t of [0, 1000, 2000]) breaker.record(false, t);
    expect(breaker.state(2000)).toBe('open');
    const refused = breaker.admit(3000);
    expect(refused.pass).toBe(false);
    expect(refused.pass === false && refused.reason).toMatch(/3 failures in 30 s/);
  });

  it('lets one probe through when half-open; its success closes, its failure reopens', () => {
    const breaker = new CircuitBreaker({ openMs: 10_000 });
    for (const t of [0, 1, 2]) breaker.record(false, t);
    expect(breaker.admit(10_002)).toEqual({ pass: true, probe: true });
    expect(breaker.admit(10_003).pass).toBe(false);
    breaker.record(false, 10_004);
    expect(breaker.state(10_005)).toBe('open');
    expect(breaker.admit(20_004)).toEqual({ pass: true, probe: true });
    breaker.record(true, 20_005);
    expect(breaker.state(20_006)).toBe('closed');
    expect(breaker.admit(20_007)).toEqual({ pass: true, probe: false });
  });

  it('rejects nonsense options', () => {
    expect(() => new CircuitBreaker({ failureThreshold: 0 })).toThrow(/failureThreshold/);
    expect(() => new CircuitBreaker({ windowMs: -1 })).toThrow(/windowMs/);
  });
});
