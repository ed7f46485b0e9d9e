import type { RecordedModelCall } from '@glassbox/core/replay';
import type { OpenAIChatCompletion } from '../openai/openai-types.js';

/**
 * A recorded model call as the `openai` client returns a chat completion, so the replayed
 * program reads it exactly as it read the live answer (tool calls included).
 */
export function recordedCompletion(
  recorded: RecordedModelCall,
): OpenAIChatCompletion & { object: string; created: number } {
  const toolCalls = recorded.toolCalls.map((c, i) => ({
    id: c.id ?? `call_replay_${i}`,
    type: 'function' as const,
    function: { name: c.name, arguments: c.arguments },
  }));
  const completion: OpenAIChatCompletion & { object: string; created: number } = {
    id: `replay-${recorded.spanId}`,
    object: 'chat.completion',
    created: 0,
    model: recorded.model,
    choices: [
      {
        index: 0,
        finish_reason: recorded.finishReason,
        message: {
          role: 'assistant',
          content: recorded.content === '' && toolCalls.length > 0 ? null : recorded.content,
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
      },
    ],
    usage: {
      prompt_tokens: recorded.usage.input,
      completion_tokens: recorded.usage.output,
      total_tokens: recorded.usage.input + recorded.usage.output,
    },
  };
  return completion;
}
