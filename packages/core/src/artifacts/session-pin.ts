/** A session held on the version it first resolved. */
export interface SessionPin {
  sessionId: string;
  version: number;
  pinnedAtMs: number;
  /** The last turn that resolved through this pin; idling past the timeout ends the pin. */
  lastSeenMs: number;
}

/** How long a session may idle before its next turn counts as a new session: 30 minutes. */
export const DEFAULT_PIN_IDLE_MS = 30 * 60_000;

/**
 * Why a resolution served the version it did: `new` (first turn, pinned to the target),
 * `kept` (pinned, whatever the label says now), `expired` (idled out, re-pinned to the
 * target), `revoked` (its version was revoked, re-pinned to the target).
 */
export type PinOutcome = 'new' | 'kept' | 'expired' | 'revoked';

export interface PinDecision {
  version: number;
  outcome: PinOutcome;
  /** The pin to store after this turn. */
  pin: SessionPin;
}

export interface PinInput {
  sessionId: string;
  /** The stored pin, if any. */
  pin?: SessionPin;
  /** The version the label (or canary) would give a new session now. */
  target: number;
  now: number;
  idleTimeoutMs?: number;
  isRevoked: (version: number) => boolean;
}

/**
 * Decides which version one turn of a session gets. The first turn pins the session to the
 * target; later turns keep the pinned version even after the label moved, until the session
 * idles out or its version is revoked; then it re-pins to the current target.
 *
 * @example
 * decidePin({ sessionId: 's', pin, target: 4, now, isRevoked: () => false }).version // pin.version
 */
export function decidePin(input: PinInput): PinDecision {
  const { sessionId, pin, target, now } = input;
  const idle = input.idleTimeoutMs ?? DEFAULT_PIN_IDLE_MS;
  const fresh = (outcome: PinOutcome): PinDecision => ({
    version: target,
    outcome,
    pin: { sessionId, version: target, pinnedAtMs: now, lastSeenMs: now },
  });
  if (!pin) return fresh('new');
  if (now - pin.lastSeenMs > idle) return fresh('expired');
  if (input.isRevoked(pin.version)) return fresh('revoked');
  return {
    version: pin.version,
    outcome: 'kept',
    pin: { ...pin, lastSeenMs: Math.max(now, pin.lastSeenMs) },
  };
}

/**
 * Whether a pin is live at `now` (seen within the idle timeout): the sessions a version is
 * still draining.
 *
 * @example isPinLive(pin, Date.now())
 */
export function isPinLive(
  pin: Pick<SessionPin, 'lastSeenMs'>,
  now: number,
  idleTimeoutMs = DEFAULT_PIN_IDLE_MS,
): boolean {
  return now - pin.lastSeenMs <= idleTimeoutMs;
}
