import type { LoopGuard } from '@glassbox/core/guards';
import { GuardError } from '@glassbox/core/guards';
import { recordGuardDecision } from './record-guard-decision.js';

/**
 * Runs a tool call through a run's loop guard: the 3rd identical call (same tool, same
 * canonical arguments) is not executed and gets a synthetic "not executed: repeated call"
 * result; a run past its cap throws a GuardError (`loop_detected`, `step_limit_reached`,
 * `ping_pong_detected`). Each decision is a span event.
 *
 * @example
 * const guard = new LoopGuard();
 * const result = await guardToolCall(guard, 'search', args, () => search(args));
 */
export async function guardToolCall<T>(
  guard: LoopGuard,
  tool: string,
  args: unknown,
  run: () => T | Promise<T>,
): Promise<T | string> {
  const decision = guard.check(tool, args);
  if (decision.action === 'execute') return run();
  if (decision.action === 'skip') {
    recordGuardDecision({
      guard: 'loop',
      decision: 'skip',
      reason: decision.reason,
      details: { tool, count: decision.count },
    });
    return decision.syntheticResult;
  }
  recordGuardDecision({
    guard: decision.code === 'step_limit_reached' ? 'step_limit' : 'loop',
    decision: 'stop',
    reason: decision.reason,
  });
  throw new GuardError(decision.code, decision.reason, { tool });
}

/**
 * Counts one agent step (a model call or a hand-off); throws when the run reaches its step
 * limit or two agents ping-pong.
 *
 * @example guardStep(guard, 'booking-agent')
 */
export function guardStep(guard: LoopGuard, actor: string): void {
  const stop = guard.step(actor);
  if (!stop) return;
  recordGuardDecision({
    guard: stop.code === 'step_limit_reached' ? 'step_limit' : 'loop',
    decision: 'stop',
    reason: stop.reason,
  });
  throw new GuardError(stop.code, stop.reason, { actor });
}
