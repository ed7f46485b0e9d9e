/**
 * Producers spell the same finish reason differently: `tool_calls` (OpenAI), `tool_call`
 * (OTel GenAI), `tool-calls` (AI SDK), `max_tokens` (Anthropic), `MAX_TOKENS` (Gemini).
 * Normalized spans carry one spelling so filters, classification and detection agree;
 * the producer's own value stays in the raw attributes.
 */
const CANONICAL: Record<string, string> = {
  stop: 'stop',
  end_turn: 'stop',
  stop_sequence: 'stop',
  eos: 'stop',
  complete: 'stop',
  finish_reason_stop: 'stop',
  length: 'length',
  max_tokens: 'length',
  max_output_tokens: 'length',
  model_length: 'length',
  tool_calls: 'tool_calls',
  tool_call: 'tool_calls',
  tool_use: 'tool_calls',
  function_call: 'tool_calls',
  content_filter: 'content_filter',
  safety: 'content_filter',
  recitation: 'content_filter',
  blocklist: 'content_filter',
  prohibited_content: 'content_filter',
  refusal: 'content_filter',
  error: 'error',
};

/**
 * The canonical finish reason: stop, length, tool_calls, content_filter or error; any other
 * value is kept lowercased.
 *
 * @example
 * canonicalFinishReason('tool-calls'); // => 'tool_calls'
 * canonicalFinishReason('MAX_TOKENS'); // => 'length'
 */
export function canonicalFinishReason(reason: string): string {
  const key = reason
    .trim()
    .toLowerCase()
    .replace(/[-\s]+/g, '_');
  return CANONICAL[key] ?? key;
}
