import { computeCostUsd } from '@glassbox/core/cost';
import { type TokenUsage } from '@glassbox/core/model';

/**
 * Cost in USD of one call from core's maintained price table; undefined when the model is
 * unknown or no tokens are known (never a guessed cost).
 *
 * @example
 * callCostUsd('gpt-4o-mini', { input: 1000, output: 500 }) // 0.00045
 */
export function callCostUsd(
  model: string | undefined,
  usage: TokenUsage | undefined,
): number | undefined {
  if (model === undefined || usage === undefined) return undefined;
  const cost = computeCostUsd(model, usage);
  return typeof cost === 'number' && Number.isFinite(cost) ? cost : undefined;
}
