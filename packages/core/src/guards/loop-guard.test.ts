import { describe, expect, it } from 'vitest';
import { LoopGuard, callSignature } from './loop-guard.js';

describe('LoopGuard', () => {
  it('does not execute the 3rd identical call (key order ignored) and stops the run at the 6th', () => {
    const guard = new LoopGuard();
    expect(guard.check('book', '{"a":1,"b":2}').action).toBe('execute');
    expect(guard.check('book', '{ "b": 2, "a": 1 }').action).toBe('execute');
    const third = guard.check('book', { a: 1, b: 2 });
    expect(third.action).toBe('skip');
    expect(third.action === 'skip' && third.syntheticResult).toContain(
      'not executed: repeated call',
    );
    expect(guard.check('book', '{"a":1,"b":3}').action).toBe('execute');
    guard.check('book', '{"a":1,"b":2}');
    guard.check('book', '{"a":1,"b":2}');
    expect(guard.check('book', '{"a":1,"b":2}')).toMatchObject({
      action: 'stop',
      code: 'loop_detected',
    });
  });

  it('stops at the step limit', () => {
    const guard = new LoopGuard({ maxSteps: 3, pingPongCycles: 10 });
    expect(guard.step('llm')).toBeNull();
    expect(guard.step('llm')).toBeNull();
    expect(guard.step('llm')).toBeNull();
    expect(guard.step('llm')).toMatchObject({ code: 'step_limit_reached' });
  });

  it('detects ping-pong between two agents, not between three', () => {
    const guard = new LoopGuard({ pingPongCycles: 3 });
    const actors = ['triage', 'booking', 'triage', 'booking', 'triage'];
    for (const a of actors) expect(guard.step(a)).toBeNull();
    expect(guard.step('booking')).toMatchObject({ code: 'ping_pong_detected' });

    const rotating = new LoopGuard({ pingPongCycles: 3 });
    for (let i = 0; i < 12; i++) expect(rotating.step(['a', 'b', 'c'][i % 3]!)).toBeNull();
  });

  it('signs calls by tool and canonical arguments, never by results', () => {
    expect(callSignature('t', '{"x":[1,2]}')).toBe(callSignature('t', { x: [1, 2] }));
    expect(callSignature('t', '{"x":1}')).not.toBe(callSignature('u', '{"x":1}'));
  });

  it('rejects nonsense options', () => {
    expect(() => new LoopGuard({ maxSteps: 0 })).toThrow(/maxSteps/);
  });
});
