import type { AttributeValue } from '../model/attributes.js';
import type { Message, ToolCall } from '../model/span.js';
import { asArray, asString, isRecord } from './attribute-values.js';
import { contentToText, toolCall } from './content-text.js';

/**
 * A chat-completions style message (`{role, content, tool_calls: [{id, function: {name,
 * arguments}}], tool_call_id, name}`) as a Message; tool calls may also be flat
 * (`{id, name, arguments}`). Used by the event conventions and JSON prompt attributes.
 */
export function chatMessage(
  value: AttributeValue | undefined,
  fallbackRole: string,
): Message | undefined {
  if (!isRecord(value)) {
    const content = contentToText(value);
    return content === undefined ? undefined : { role: fallbackRole, content };
  }
  const role = asString(value.role) ?? fallbackRole;
  const toolCalls = chatToolCalls(value.tool_calls);
  const toolCallId =
    asString(value.tool_call_id) ?? (role === 'tool' ? asString(value.id) : undefined);
  const name = asString(value.name);
  return {
    role,
    content: contentToText(value.content) ?? '',
    ...(toolCalls.length > 0 ? { toolCalls } : {}),
    ...(toolCallId ? { toolCallId } : {}),
    ...(name ? { name } : {}),
  };
}

export function chatToolCalls(value: AttributeValue | undefined): ToolCall[] {
  const calls: ToolCall[] = [];
  for (const item of asArray(value) ?? []) {
    if (!isRecord(item)) continue;
    const fn = isRecord(item.function) ? item.function : item;
    const call = toolCall(fn.name, fn.arguments, item.id);
    if (call) calls.push(call);
  }
  return calls;
}
