import type { AttributeValue } from '../model/attributes.js';
import type { Message, ToolCall } from '../model/span.js';
import { asArray, asString, isRecord, toText } from './attribute-values.js';
import { contentToText, toolCall } from './content-text.js';

/** Messages and per-message finish reasons read from an OTel GenAI messages attribute. */
export interface ParsedMessages {
  messages: Message[];
  finishReasons: string[];
}

/**
 * Parses `gen_ai.input.messages` / `gen_ai.output.messages` (JSON string or structured): each
 * message is `{role, parts: [...]}` with parts `text`, `tool_call` and `tool_call_response`.
 * A message whose parts answer several tool calls becomes one `tool` message per answer.
 */
export function parseOtelMessages(value: AttributeValue | undefined): ParsedMessages {
  const list = asArray(value) ?? [];
  const messages: Message[] = [];
  const finishReasons: string[] = [];
  for (const item of list) {
    if (!isRecord(item)) continue;
    const role = asString(item.role) ?? 'user';
    const finish = asString(item.finish_reason);
    if (finish) finishReasons.push(finish);
    const parts = Array.isArray(item.parts) ? item.parts : undefined;
    if (!parts) {
      const content = contentToText(item.content);
      messages.push({ role, content: content ?? '' });
      continue;
    }
    messages.push(...fromParts(role, parts, asString(item.name)));
  }
  return { messages, finishReasons };
}

function fromParts(role: string, parts: AttributeValue[], name: string | undefined): Message[] {
  const texts: string[] = [];
  const toolCalls: ToolCall[] = [];
  const responses: Message[] = [];
  for (const part of parts) {
    if (!isRecord(part)) continue;
    const type = asString(part.type);
    if (type === 'tool_call') {
      const call = toolCall(part.name, part.arguments, part.call_id ?? part.id);
      if (call) toolCalls.push(call);
    } else if (type === 'tool_call_response') {
      const id = asString(part.call_id) ?? asString(part.id);
      responses.push({
        role: role === 'user' ? 'tool' : role,
        content: toText(part.response) ?? '',
        ...(id ? { toolCallId: id } : {}),
      });
    } else if (type === 'text' || type === 'refusal') {
      const text = asString(part.content) ?? asString(part.text) ?? asString(part.refusal);
      if (text !== undefined) texts.push(text);
    }
  }
  const out: Message[] = [];
  if (texts.length > 0 || toolCalls.length > 0 || responses.length === 0) {
    out.push({
      role,
      content: texts.join(''),
      ...(toolCalls.length > 0 ? { toolCalls } : {}),
      ...(name ? { name } : {}),
    });
  }
  return [...out, ...responses];
}

/**
 * `gen_ai.system_instructions`: parts (`[{type:'text', content}]`, JSON or structured) or
 * plain text, as one system message.
 */
export function parseSystemInstructions(value: AttributeValue | undefined): Message | undefined {
  const parts = asArray(value);
  const content = parts ? contentToText(parts) : asString(value);
  return content === undefined ? undefined : { role: 'system', content };
}
