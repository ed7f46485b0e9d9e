import type { Message } from '@glassbox/core/model';
import type { ContentField, ContentTransform } from './content-policy.js';

/** A message part in the OTel GenAI `gen_ai.{input,output}.messages` JSON shape. */
export type GenAiPart =
  | { type: 'text'; content: string }
  | { type: 'tool_call'; id?: string; name: string; arguments?: unknown }
  | { type: 'tool_call_response'; id?: string; response: string };

export interface GenAiMessage {
  role: string;
  parts: GenAiPart[];
  name?: string;
  finish_reason?: string;
}

/**
 * Converts messages to the OTel GenAI shape, passing every piece of content through the
 * content policy. Tool-call arguments are kept as parsed JSON when they parse (the convention
 * wants an object) and as the raw text when they do not.
 *
 * @example
 * toGenAiMessages([{ role: 'user', content: 'hi' }], (t) => t, 'input.messages')
 * // [{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }]
 */
export function toGenAiMessages(
  messages: readonly Message[],
  policy: ContentTransform,
  field: ContentField,
  finishReasons: readonly string[] = [],
): GenAiMessage[] {
  return messages.map((message, index) => {
    const parts: GenAiPart[] = [];
    if (message.role === 'tool') {
      const part: GenAiPart = {
        type: 'tool_call_response',
        response: policy(message.content, field),
      };
      if (message.toolCallId !== undefined) part.id = message.toolCallId;
      parts.push(part);
    } else if (message.content !== '') {
      parts.push({ type: 'text', content: policy(message.content, field) });
    }
    for (const call of message.toolCalls ?? []) {
      const part: GenAiPart = {
        type: 'tool_call',
        name: call.name,
        arguments: toolArguments(call.arguments, policy),
      };
      if (call.id !== undefined) part.id = call.id;
      parts.push(part);
    }
    const out: GenAiMessage = { role: message.role, parts };
    if (message.name !== undefined) out.name = message.name;
    const finishReason = finishReasons[index];
    if (finishReason !== undefined) out.finish_reason = finishReason;
    return out;
  });
}

function toolArguments(raw: string, policy: ContentTransform): unknown {
  const recorded = policy(raw, 'tool.arguments');
  if (recorded !== raw) return recorded;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/** `gen_ai.system_instructions` value: a JSON array of text parts. */
export function systemInstructionsJson(text: string, policy: ContentTransform): string {
  return JSON.stringify([{ type: 'text', content: policy(text, 'system_instructions') }]);
}
