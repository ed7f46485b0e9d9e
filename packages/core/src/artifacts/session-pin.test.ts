import { describe, expect, it } from 'vitest';
import { decidePin, isPinLive } from './session-pin.js';

const never = () => false;

describe('session pins', () => {
  it('pins the first turn to the target and keeps it after the label moves', () => {
    const first = decidePin({ sessionId: 's', target: 1, now: 0, isRevoked: never });
    expect(first).toMatchObject({ version: 1, outcome: 'new', pin: { version: 1, pinnedAtMs: 0 } });
    const later = decidePin({
      sessionId: 's',
      pin: first.pin,
      target: 2,
      now: 1000,
      isRevoked: never,
    });
    expect(later).toMatchObject({
      version: 1,
      outcome: 'kept',
      pin: { pinnedAtMs: 0, lastSeenMs: 1000 },
    });
  });

  it('re-pins a session that idled out, measured from its last turn, not its first', () => {
    let pin = decidePin({
      sessionId: 's',
      target: 1,
      now: 0,
      isRevoked: never,
      idleTimeoutMs: 100,
    }).pin;
    for (const now of [90, 180, 270]) {
      const d = decidePin({
        sessionId: 's',
        pin,
        target: 2,
        now,
        isRevoked: never,
        idleTimeoutMs: 100,
      });
      expect(d.version).toBe(1);
      pin = d.pin;
    }
    const idle = decidePin({
      sessionId: 's',
      pin,
      target: 2,
      now: 371,
      isRevoked: never,
      idleTimeoutMs: 100,
    });
    expect(idle).toMatchObject({ version: 2, outcome: 'expired' });
  });

  it('breaks a pin on a revoked version only', () => {
    const pin = { sessionId: 's', version: 3, pinnedAtMs: 0, lastSeenMs: 0 };
    const revoked = (v: number) => v === 3;
    expect(decidePin({ sessionId: 's', pin, target: 4, now: 1, isRevoked: revoked })).toMatchObject(
      {
        version: 4,
        outcome: 'revoked',
      },
    );
    const other = { ...pin, version: 2 };
    expect(
      decidePin({ sessionId: 's', pin: other, target: 4, now: 1, isRevoked: revoked }).version,
    ).toBe(2);
  });

  it('counts a pin live within the idle timeout', () => {
    expect(isPinLive({ lastSeenMs: 0 }, 100, 100)).toBe(true);
    expect(isPinLive({ lastSeenMs: 0 }, 101, 100)).toBe(false);
  });
});
