import type { TokenUsage } from '../model/span.js';
import { findModelPrice } from './find-model-price.js';

const PER_TOKEN = 1 / 1_000_000;

/**
 * The cost of one call in USD from its token usage, or undefined when the model is unknown
 * or no tokens are known. Cached tokens are billed at the cache-read rate (the input rate if
 * the model has none) and are not billed again as input: following OTel, `usage.input`
 * includes them. When cached exceeds input, the producer reported them apart, so the whole
 * input is billed as uncached.
 *
 * @example
 * computeCostUsd('gpt-4o-mini', { input: 1000, output: 500 }); // 0.00045
 */
export function computeCostUsd(model: string | undefined, usage: TokenUsage): number | undefined {
  if (!model) return undefined;
  const price = findModelPrice(model);
  if (!price) return undefined;
  const input = usage.input ?? 0;
  const output = usage.output ?? 0;
  const cached = usage.cached ?? 0;
  if (usage.input === undefined && usage.output === undefined && usage.cached === undefined) {
    return undefined;
  }
  const uncached = cached <= input ? input - cached : input;
  const cost =
    uncached * price.input + cached * (price.cachedInput ?? price.input) + output * price.output;
  return roundUsd(cost * PER_TOKEN);
}

/** Rounds to a millionth of a cent so float noise does not show in sums. */
function roundUsd(value: number): number {
  return Math.round(value * 1e8) / 1e8;
}
