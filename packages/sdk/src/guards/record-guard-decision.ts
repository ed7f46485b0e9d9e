import { trace } from '@opentelemetry/api';
import type { GuardDecision } from '@glassbox/core/guards';
import { GUARD_EVENT, guardEventAttributes } from '@glassbox/core/guards';

/**
 * Puts a guard decision on the active span as a `glassbox.guard` event. Telemetry never
 * throws into the app: without an active span the decision is simply not recorded.
 *
 * @example recordGuardDecision({ guard: 'loop', decision: 'skip', reason: 'repeated call' })
 */
export function recordGuardDecision(decision: GuardDecision): void {
  try {
    trace.getActiveSpan()?.addEvent(GUARD_EVENT.name, guardEventAttributes(decision));
  } catch {
    // A broken tracer must not change what the guard decided.
  }
}
