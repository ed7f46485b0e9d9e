import type { Attributes } from '../model/attributes.js';
import type { Message, ToolCall } from '../model/span.js';
import { asString, isRecord } from './attribute-values.js';
import { contentToText, toolCall } from './content-text.js';
import { rebuildIndexed } from './rebuild-indexed.js';

/**
 * The deprecated OTel GenAI / OpenLLMetry indexed messages: `gen_ai.prompt.N.{role, content,
 * tool_call_id, tool_calls.M.{id, name, arguments}}` and `gen_ai.completion.N.{role, content,
 * finish_reason, tool_calls.M.*, function_call.{name, arguments}}`.
 */
export function indexedPromptMessages(
  attributes: Attributes,
  prefix: 'gen_ai.prompt' | 'gen_ai.completion',
): { messages: Message[]; finishReasons: string[] } {
  const messages: Message[] = [];
  const finishReasons: string[] = [];
  const fallbackRole = prefix === 'gen_ai.prompt' ? 'user' : 'assistant';
  for (const item of rebuildIndexed(attributes, prefix)) {
    if (!isRecord(item)) continue;
    const finish = asString(item.finish_reason);
    if (finish) finishReasons.push(finish);
    const toolCalls: ToolCall[] = [];
    if (Array.isArray(item.tool_calls)) {
      for (const call of item.tool_calls) {
        if (!isRecord(call)) continue;
        const parsed = toolCall(call.name, call.arguments, call.id);
        if (parsed) toolCalls.push(parsed);
      }
    }
    if (isRecord(item.function_call)) {
      const parsed = toolCall(item.function_call.name, item.function_call.arguments, undefined);
      if (parsed) toolCalls.push(parsed);
    }
    const toolCallId = asString(item.tool_call_id);
    messages.push({
      role: asString(item.role) ?? fallbackRole,
      content: contentToText(item.content) ?? '',
      ...(toolCalls.length > 0 ? { toolCalls } : {}),
      ...(toolCallId ? { toolCallId } : {}),
    });
  }
  return { messages, finishReasons };
}
