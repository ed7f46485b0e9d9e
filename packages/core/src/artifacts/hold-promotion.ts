import type { CanaryState, CanaryVerdict } from './canary-gate.js';

/**
 * A promotion judged while the canary's label is frozen: the canary keeps running with the
 * outcomes counted, and promotes on a later judgement once the hold is released.
 */
export function holdPromotion(state: CanaryState): { state: CanaryState; verdict: CanaryVerdict } {
  const { reason: _promoted, ...running } = state;
  return { state: { ...running, status: 'running' }, verdict: { action: 'continue' } };
}
