import * as core from '@glassbox/core';
import type { TokenUsage } from '@glassbox/core';

type ComputeCost = (model: string, usage: TokenUsage) => number | undefined;

// TEMPORARY until computeCostUsd lands in @glassbox/core: looked up by name so this compiles before and after.
const computeCostUsd = (core as unknown as Record<string, unknown>).computeCostUsd as
  ComputeCost | undefined;

/**
 * Cost in USD of one call from the maintained price table in core; undefined when the model
 * is unknown or the usage incomplete (never a guessed cost).
 *
 * @example
 * callCostUsd('gpt-4o-mini', { input: 1000, output: 100 }) // a number, or undefined
 */
export function callCostUsd(
  model: string | undefined,
  usage: TokenUsage | undefined,
): number | undefined {
  if (!computeCostUsd || model === undefined || usage === undefined) return undefined;
  if (usage.input === undefined && usage.output === undefined) return undefined;
  const cost = computeCostUsd(model, usage);
  return typeof cost === 'number' && Number.isFinite(cost) ? cost : undefined;
}
