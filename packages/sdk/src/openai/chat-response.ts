import type { Message, TokenUsage } from '@glassbox/core/model';
import { toToolCall } from './chat-request.js';
import type { OpenAIChatCompletion, OpenAIUsage } from './openai-types.js';

export interface ChatResponseLog {
  responseModel?: string;
  responseId?: string;
  outputMessages: Message[];
  finishReasons: string[];
  usage?: TokenUsage;
}

/**
 * What a (non-streamed) chat completion answered, in the SDK's call-log shape.
 *
 * @example
 * describeChatCompletion(completion).finishReasons // ['stop']
 */
export function describeChatCompletion(completion: OpenAIChatCompletion): ChatResponseLog {
  const choices = [...(completion.choices ?? [])].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const log: ChatResponseLog = {
    outputMessages: choices.map((choice) => {
      const message = choice.message ?? {};
      const out: Message = {
        role: message.role ?? 'assistant',
        content: message.content ?? message.refusal ?? '',
      };
      if (Array.isArray(message.tool_calls) && message.tool_calls.length > 0) {
        out.toolCalls = message.tool_calls.map(toToolCall);
      }
      return out;
    }),
    finishReasons: choices.map((choice) => choice.finish_reason ?? 'unknown'),
  };
  if (typeof completion.model === 'string') log.responseModel = completion.model;
  if (typeof completion.id === 'string') log.responseId = completion.id;
  const usage = usageOf(completion.usage);
  if (usage) log.usage = usage;
  return log;
}

/** OpenAI usage -> token usage; cached tokens from `prompt_tokens_details.cached_tokens`. */
export function usageOf(usage: OpenAIUsage | null | undefined): TokenUsage | undefined {
  if (!usage) return undefined;
  const out: TokenUsage = {};
  if (typeof usage.prompt_tokens === 'number') out.input = usage.prompt_tokens;
  if (typeof usage.completion_tokens === 'number') out.output = usage.completion_tokens;
  if (typeof usage.total_tokens === 'number') out.total = usage.total_tokens;
  const cached = usage.prompt_tokens_details?.cached_tokens;
  if (typeof cached === 'number') out.cached = cached;
  return out;
}
