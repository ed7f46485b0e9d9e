import type { Attributes } from '../model/attributes.js';
import type { TokenUsage } from '../model/span.js';
import { asCount, firstOf } from './attribute-values.js';

const INPUT = [
  'gen_ai.usage.input_tokens',
  'gen_ai.usage.prompt_tokens',
  'llm.token_count.prompt',
  'ai.usage.inputTokens',
  'ai.usage.promptTokens',
];
const OUTPUT = [
  'gen_ai.usage.output_tokens',
  'gen_ai.usage.completion_tokens',
  'llm.token_count.completion',
  'ai.usage.outputTokens',
  'ai.usage.completionTokens',
];
const CACHED = [
  'gen_ai.usage.cache_read.input_tokens',
  'llm.token_count.prompt_details.cache_read',
  'gen_ai.usage.cache_read_input_tokens',
  'ai.usage.cachedInputTokens',
  'ai.usage.inputTokenDetails.cacheReadTokens',
];
const TOTAL = [
  'gen_ai.usage.total_tokens',
  'llm.token_count.total',
  'llm.usage.total_tokens',
  'ai.usage.totalTokens',
];

/**
 * Token usage from whichever convention carries it. The AI SDK's embedding spans report
 * `ai.usage.tokens` (input only). The total is derived from input + output when not sent.
 */
export function readUsage(attributes: Attributes): TokenUsage {
  const input = firstOf(attributes, INPUT, asCount) ?? asCount(attributes['ai.usage.tokens']);
  const output = firstOf(attributes, OUTPUT, asCount);
  const cached = firstOf(attributes, CACHED, asCount);
  const sent = firstOf(attributes, TOTAL, asCount);
  const total =
    sent ??
    (input !== undefined || output !== undefined ? (input ?? 0) + (output ?? 0) : undefined);
  return {
    ...(input !== undefined ? { input } : {}),
    ...(output !== undefined ? { output } : {}),
    ...(cached !== undefined ? { cached } : {}),
    ...(total !== undefined ? { total } : {}),
  };
}
