import { GLASSBOX_ATTRIBUTES, type Message } from '@glassbox/core/model';

/**
 * `glassbox.input.tokens_sent` (int): the SDK's own estimate of the prompt tokens it sent.
 * Compared with the provider's reported input tokens it shows silent truncation (a provider
 * that drops the start of a prompt reports far fewer tokens than were sent).
 */
export const TOKENS_SENT_ATTRIBUTE = GLASSBOX_ATTRIBUTES.tokensSent;

/** OpenAI's chat format adds about 3 tokens per message and 3 to prime the reply. */
const PER_MESSAGE = 3;
const PRIMING = 3;
const CHARS_PER_TOKEN = 4;

/**
 * A cheap estimate of a chat prompt's tokens, without a tokenizer: characters / 4 (the
 * usual English average for GPT-style BPE vocabularies) over message text, names, tool-call
 * arguments and tool definitions, plus the chat format's per-message overhead. It is a
 * heuristic, typically within about 25 % of the real count for English prose and further off
 * for code or other scripts: good for spotting a prompt reported at half its size, not for
 * billing.
 *
 * @example
 * estimatePromptTokens([{ role: 'user', content: 'How long do refunds take?' }]) // 13
 */
export function estimatePromptTokens(
  messages: readonly Message[],
  toolDefinitionsJson?: string,
): number {
  let chars = toolDefinitionsJson?.length ?? 0;
  for (const message of messages) {
    chars += message.role.length + message.content.length + (message.name?.length ?? 0);
    for (const call of message.toolCalls ?? []) chars += call.name.length + call.arguments.length;
  }
  return Math.ceil(chars / CHARS_PER_TOKEN) + PER_MESSAGE * messages.length + PRIMING;
}
