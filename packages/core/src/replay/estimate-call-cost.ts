import { findModelPrice } from '../cost/find-model-price.js';
import type { ChatRequest } from './chat-request.js';

/** Output tokens assumed when neither the recording nor max_tokens says more. */
export const DEFAULT_OUTPUT_TOKENS = 256;

/**
 * The expected cost of one call in USD from the price table: input tokens estimated at four
 * characters each over messages and tools, output at the recorded count (capped by
 * max_tokens). Undefined when the model has no price.
 *
 * @example estimateCallCost({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }, 100)
 */
export function estimateCallCost(
  request: ChatRequest,
  expectedOutputTokens = DEFAULT_OUTPUT_TOKENS,
): number | undefined {
  const price = findModelPrice(request.model);
  if (!price) return undefined;
  const chars =
    JSON.stringify(request.messages).length +
    (request.tools ? JSON.stringify(request.tools).length : 0);
  const input = Math.ceil(chars / 4);
  const output = Math.min(expectedOutputTokens, request.max_tokens ?? Infinity);
  return (input * price.input + output * price.output) / 1_000_000;
}
