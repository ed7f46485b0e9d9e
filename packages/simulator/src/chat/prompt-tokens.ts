import { countTokens } from '../util/count-tokens.js';
import type { ChatMessage, ToolDefinition } from './chat-types.js';
import { messageText } from './chat-types.js';

/** Tokens of one message including OpenAI's per-message framing overhead. */
export function messageTokens(message: ChatMessage): number {
  let tokens = 4 + countTokens(messageText(message));
  if (message.name) tokens += countTokens(message.name);
  for (const call of message.tool_calls ?? []) {
    tokens += 3 + countTokens(call.function.name) + countTokens(call.function.arguments);
  }
  return tokens;
}

/**
 * Prompt tokens of a chat request: messages, reply priming, and tool definitions.
 *
 * @example promptTokens([{ role: 'user', content: 'Hi' }]) // 8
 */
export function promptTokens(
  messages: readonly ChatMessage[],
  tools?: readonly ToolDefinition[],
): number {
  const toolTokens = tools && tools.length > 0 ? countTokens(JSON.stringify(tools)) : 0;
  return messages.reduce((sum, m) => sum + messageTokens(m), 3) + toolTokens;
}
