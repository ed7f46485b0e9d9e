import type { AttributeValue, Attributes } from '../model/attributes.js';
import type { Message, ToolCall } from '../model/span.js';
import { asString, isRecord } from './attribute-values.js';
import { contentToText, toolCall } from './content-text.js';
import { rebuildIndexed } from './rebuild-indexed.js';

/**
 * OpenInference messages under `llm.input_messages` / `llm.output_messages`:
 * `N.message.{role, content, contents.M.message_content.{type,text}, tool_calls.M.tool_call.
 * {id, function.name, function.arguments}, tool_call_id, name, function_call_name,
 * function_call_arguments_json}`.
 */
export function openInferenceMessages(attributes: Attributes, prefix: string): Message[] {
  const messages: Message[] = [];
  for (const item of rebuildIndexed(attributes, prefix)) {
    const raw = isRecord(item) && isRecord(item.message) ? item.message : undefined;
    if (!raw) continue;
    const toolCalls = calls(raw);
    const toolCallId = asString(raw.tool_call_id);
    const name = asString(raw.name);
    messages.push({
      role: asString(raw.role) ?? 'user',
      content: content(raw) ?? '',
      ...(toolCalls.length > 0 ? { toolCalls } : {}),
      ...(toolCallId ? { toolCallId } : {}),
      ...(name ? { name } : {}),
    });
  }
  return messages;
}

function content(raw: Record<string, AttributeValue>): string | undefined {
  const direct = contentToText(raw.content);
  if (direct !== undefined) return direct;
  if (!Array.isArray(raw.contents)) return undefined;
  const texts = raw.contents
    .map((entry) =>
      isRecord(entry) && isRecord(entry.message_content) ? entry.message_content : {},
    )
    .filter((part) => part.type === undefined || part.type === 'text')
    .map((part) => asString(part.text))
    .filter((text): text is string => text !== undefined);
  return texts.length > 0 ? texts.join('') : undefined;
}

function calls(raw: Record<string, AttributeValue>): ToolCall[] {
  const out: ToolCall[] = [];
  if (Array.isArray(raw.tool_calls)) {
    for (const entry of raw.tool_calls) {
      const call = isRecord(entry) && isRecord(entry.tool_call) ? entry.tool_call : undefined;
      if (!call) continue;
      const fn = isRecord(call.function) ? call.function : {};
      const parsed = toolCall(fn.name, fn.arguments, call.id);
      if (parsed) out.push(parsed);
    }
  }
  const legacy = toolCall(raw.function_call_name, raw.function_call_arguments_json, undefined);
  if (legacy) out.push(legacy);
  return out;
}
