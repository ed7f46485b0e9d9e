import type { AttributeValue, Attributes } from '../model/attributes.js';
import type { Message, ToolCall } from '../model/span.js';
import { asArray, asObject, asString, isRecord, toText } from './attribute-values.js';
import { contentToText, toolCall } from './content-text.js';

/**
 * Vercel AI SDK prompt: `ai.prompt.messages` (JSON list of `{role, content}` where content is
 * text or parts `text` / `tool-call` / `tool-result`), else `ai.prompt` (JSON
 * `{system, prompt, messages}`) on the wrapper spans.
 */
export function aiSdkInputMessages(attributes: Attributes): Message[] {
  const list = asArray(attributes['ai.prompt.messages']);
  if (list) return list.flatMap(modelMessage);
  const prompt = asObject(attributes['ai.prompt']);
  if (!prompt) return [];
  const out: Message[] = [];
  const system = asString(prompt.system);
  if (system) out.push({ role: 'system', content: system });
  const messages = asArray(prompt.messages) ?? asArray(prompt.prompt);
  if (messages) out.push(...messages.flatMap(modelMessage));
  else {
    const text = asString(prompt.prompt);
    if (text) out.push({ role: 'user', content: text });
  }
  return out;
}

/**
 * `ai.response.text` (or `ai.response.object` from generateObject) and `ai.response.toolCalls`
 * as one assistant message, when present.
 */
export function aiSdkOutputMessages(attributes: Attributes): Message[] {
  const text =
    asString(attributes['ai.response.text']) ?? asString(attributes['ai.response.object']);
  const toolCalls: ToolCall[] = [];
  for (const item of asArray(attributes['ai.response.toolCalls']) ?? []) {
    if (!isRecord(item)) continue;
    const call = toolCall(item.toolName, item.input ?? item.args, item.toolCallId);
    if (call) toolCalls.push(call);
  }
  if (text === undefined && toolCalls.length === 0) return [];
  return [
    { role: 'assistant', content: text ?? '', ...(toolCalls.length > 0 ? { toolCalls } : {}) },
  ];
}

function modelMessage(value: AttributeValue): Message[] {
  if (!isRecord(value)) return [];
  const role = asString(value.role) ?? 'user';
  if (!Array.isArray(value.content)) return [{ role, content: contentToText(value.content) ?? '' }];
  const texts: string[] = [];
  const toolCalls: ToolCall[] = [];
  const results: Message[] = [];
  for (const part of value.content) {
    if (!isRecord(part)) continue;
    if (part.type === 'text') {
      const text = asString(part.text);
      if (text !== undefined) texts.push(text);
    } else if (part.type === 'tool-call') {
      const call = toolCall(part.toolName, part.input ?? part.args, part.toolCallId);
      if (call) toolCalls.push(call);
    } else if (part.type === 'tool-result') {
      const id = asString(part.toolCallId);
      const name = asString(part.toolName);
      results.push({
        role: 'tool',
        content: toolOutput(part.output ?? part.result),
        ...(id ? { toolCallId: id } : {}),
        ...(name ? { name } : {}),
      });
    }
  }
  const own =
    texts.length > 0 || toolCalls.length > 0 || results.length === 0
      ? [{ role, content: texts.join(''), ...(toolCalls.length > 0 ? { toolCalls } : {}) }]
      : [];
  return [...own, ...results];
}

/** AI SDK v5+ wraps tool output as `{type: 'text' | 'json' | 'error-text' | ..., value}`. */
function toolOutput(value: AttributeValue | undefined): string {
  if (isRecord(value) && typeof value.type === 'string' && 'value' in value) {
    return toText(value.value) ?? '';
  }
  return toText(value) ?? '';
}
