import { ProviderError } from '../server/provider-error.js';
import type { ChatOutcome } from './complete-chat.js';
import type { ChatMessage } from './chat-types.js';
import { messageText } from './chat-types.js';
import { countTokens } from '../util/count-tokens.js';

/**
 * A trailing assistant message without tool calls is a prefill: the model is asked to
 * continue it. Returns the messages before it and its text, or null when there is none.
 * With `prefill: 'reject'` the simulated model refuses it as some providers do.
 *
 * @example splitPrefill(messages, 'continue') // { messages: [...without last], prefill: 'The policy' }
 */
export function splitPrefill(
  messages: ChatMessage[],
  mode: 'continue' | 'reject',
): { messages: ChatMessage[]; prefill: string } | null {
  const last = messages[messages.length - 1];
  if (!last || last.role !== 'assistant' || last.tool_calls?.length) return null;
  if (mode === 'reject') {
    throw new ProviderError(
      'invalid_request',
      'This model does not support assistant message prefill. The conversation must end with a user message.',
      {
        param: 'messages',
      },
    );
  }
  return { messages: messages.slice(0, -1), prefill: messageText(last) };
}

/**
 * The continuation of a prefill: the answer the model gives without it, minus the prefilled
 * start (its text after the prefill's length when the two differ).
 */
export function continueAfterPrefill(outcome: ChatOutcome, prefill: string): ChatOutcome {
  const choices = outcome.choices.map((choice) => {
    const full = choice.message.content ?? '';
    const rest = full.startsWith(prefill)
      ? full.slice(prefill.length)
      : full.slice(Math.min(prefill.length, full.length));
    return { ...choice, message: { ...choice.message, content: rest } };
  });
  const completion = choices.reduce((n, c) => n + countTokens(c.message.content ?? ''), 0);
  return {
    ...outcome,
    choices,
    usage: {
      ...outcome.usage,
      prompt_tokens: outcome.usage.prompt_tokens + countTokens(prefill),
      completion_tokens: completion,
      total_tokens: outcome.usage.prompt_tokens + countTokens(prefill) + completion,
    },
    groundTruth: [...outcome.groundTruth, 'prefill-continued'],
  };
}
