import { ProviderError } from '../server/provider-error.js';
import type { ChatRequest } from './chat-types.js';

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

const invalid = (param: string, message: string) =>
  new ProviderError('invalid_request', message, { param });

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a chat completion body the way OpenAI does, naming the offending parameter.
 *
 * @example parseChatRequest({ model: 'sim-gpt-4o', messages: [{ role: 'user', content: 'Hi' }] })
 */
export function parseChatRequest(body: unknown): ChatRequest {
  if (!isRecord(body)) throw invalid('body', 'The request body must be a JSON object.');
  if (typeof body.model !== 'string' || body.model === '') {
    throw invalid('model', 'you must provide a model parameter');
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    throw invalid('messages', "'messages' must be a non-empty array.");
  }
  body.messages.forEach((m, i) => {
    if (!isRecord(m) || typeof m.role !== 'string' || !ROLES.has(m.role)) {
      throw invalid(
        `messages[${i}].role`,
        `Invalid value for 'messages[${i}].role': expected one of system, developer, user, assistant, tool.`,
      );
    }
    const content = m.content;
    if (
      content !== undefined &&
      content !== null &&
      typeof content !== 'string' &&
      !Array.isArray(content)
    ) {
      throw invalid(
        `messages[${i}].content`,
        `Invalid type for 'messages[${i}].content': expected a string or an array of content parts.`,
      );
    }
    if (m.role === 'tool' && typeof m.tool_call_id !== 'string') {
      throw invalid(
        `messages[${i}].tool_call_id`,
        `Missing required parameter: 'messages[${i}].tool_call_id'.`,
      );
    }
  });
  checkToolTurns(body.messages as Record<string, unknown>[]);
  if (body.tools !== undefined) {
    if (!Array.isArray(body.tools)) throw invalid('tools', "'tools' must be an array.");
    body.tools.forEach((t, i) => {
      if (!isRecord(t) || !isRecord(t.function) || typeof t.function.name !== 'string') {
        throw invalid(
          `tools[${i}].function.name`,
          `Missing required parameter: 'tools[${i}].function.name'.`,
        );
      }
    });
  }
  for (const key of ['max_tokens', 'max_completion_tokens', 'n'] as const) {
    const value = body[key];
    if (
      value !== undefined &&
      value !== null &&
      (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    ) {
      throw invalid(key, `Invalid '${key}': integer below minimum value. Expected a value >= 1.`);
    }
  }
  if (typeof body.n === 'number' && body.n > 16)
    throw invalid('n', "Invalid 'n': at most 16 choices.");
  const format = body.response_format;
  if (format !== undefined && format !== null) {
    const record = isRecord(format) ? format : {};
    const type = record.type;
    if (type !== 'text' && type !== 'json_object' && type !== 'json_schema') {
      throw invalid(
        'response_format.type',
        "Invalid value for 'response_format.type': expected one of text, json_object, json_schema.",
      );
    }
    if (
      type === 'json_schema' &&
      (!isRecord(record.json_schema) || typeof record.json_schema.name !== 'string')
    ) {
      throw invalid(
        'response_format.json_schema',
        "Missing required parameter: 'response_format.json_schema.name'.",
      );
    }
  }
  return body as unknown as ChatRequest;
}

/**
 * OpenAI's pairing rule: an assistant message with tool_calls must be followed by one tool
 * message per call id, and a tool message must answer a call of the assistant turn before it.
 * A replay that drops a recorded tool result gets the same 400 as the real API.
 */
function checkToolTurns(messages: readonly Record<string, unknown>[]): void {
  let open: string[] = [];
  let answerable = new Set<string>();
  const closeTurn = (i: number) => {
    if (open.length > 0)
      throw invalid(
        `messages.[${i}].role`,
        `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${open.join(', ')}`,
      );
  };
  messages.forEach((m, i) => {
    if (m.role === 'tool') {
      const id = String(m.tool_call_id);
      if (!answerable.has(id))
        throw invalid(
          `messages.[${i}].role`,
          "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
        );
      open = open.filter((x) => x !== id);
      return;
    }
    closeTurn(i);
    const calls = Array.isArray(m.tool_calls) ? (m.tool_calls as unknown[]) : [];
    open = calls.map((c) => String(isRecord(c) ? c.id : ''));
    answerable = new Set(open);
  });
  closeTurn(messages.length);
}
