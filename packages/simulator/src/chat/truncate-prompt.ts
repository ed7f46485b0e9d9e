import { keepLastTokens } from '../util/count-tokens.js';
import type { ChatMessage } from './chat-types.js';
import { messageText } from './chat-types.js';
import { promptTokens } from './prompt-tokens.js';

/**
 * Drops the start of a conversation until it fits `budget` tokens, the way some local
 * providers silently do: system prompts go first, then the oldest turns; if the last message
 * alone is still too long, its beginning is cut.
 *
 * @example truncatePrompt(messages, 4096) // messages without the system prompt
 */
export function truncatePrompt(messages: readonly ChatMessage[], budget: number): ChatMessage[] {
  let kept = [...messages];
  const fits = () => promptTokens(kept) <= budget;
  while (!fits()) {
    const system = kept.findIndex((m) => m.role === 'system' || m.role === 'developer');
    if (system >= 0 && kept.length > 1) kept.splice(system, 1);
    else if (kept.length > 1) kept.shift();
    else break;
  }
  // A conversation cannot start with tool results whose calls were dropped.
  while (kept.length > 1 && kept[0]!.role === 'tool') kept.shift();
  if (!fits() && kept.length === 1) {
    const last = kept[0]!;
    const overhead = promptTokens([{ role: last.role, content: '' }]);
    kept = [
      { ...last, content: keepLastTokens(messageText(last), Math.max(1, budget - overhead)) },
    ];
  }
  return kept;
}
