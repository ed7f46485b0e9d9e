import type { Message } from '@glassbox/core/model';
import type { GenerationParameters } from '../attributes/generation-attributes.js';
import type {
  OpenAIChatRequest,
  OpenAIContentPart,
  OpenAIRequestMessage,
  OpenAIToolCall,
} from './openai-types.js';

export interface ChatRequestLog {
  requestModel: string;
  parameters: GenerationParameters;
  inputMessages: Message[];
  toolDefinitions?: readonly unknown[];
  outputType?: string;
  /** As sent, for replay. */
  toolChoice?: unknown;
  responseFormat?: unknown;
}

/**
 * What a chat completion request asked for, in the SDK's call-log shape.
 *
 * @example
 * describeChatRequest({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], temperature: 0 })
 */
export function describeChatRequest(body: OpenAIChatRequest): ChatRequestLog {
  const parameters: GenerationParameters = {};
  setNumber(parameters, 'temperature', body.temperature);
  setNumber(parameters, 'topP', body.top_p);
  setNumber(parameters, 'maxTokens', body.max_completion_tokens ?? body.max_tokens);
  setNumber(parameters, 'seed', body.seed);
  setNumber(parameters, 'frequencyPenalty', body.frequency_penalty);
  setNumber(parameters, 'presencePenalty', body.presence_penalty);
  setNumber(parameters, 'choiceCount', body.n);
  if (typeof body.stop === 'string') parameters.stop = [body.stop];
  else if (Array.isArray(body.stop))
    parameters.stop = body.stop.filter((s): s is string => typeof s === 'string');
  parameters.stream = body.stream === true;
  const log: ChatRequestLog = {
    requestModel: String(body.model),
    parameters,
    inputMessages: (Array.isArray(body.messages) ? body.messages : []).map(toMessage),
  };
  if (Array.isArray(body.tools) && body.tools.length > 0) log.toolDefinitions = body.tools;
  if (body.tool_choice !== undefined && body.tool_choice !== null)
    log.toolChoice = body.tool_choice;
  if (body.response_format) log.responseFormat = body.response_format;
  const format = body.response_format?.type;
  if (format !== undefined)
    log.outputType = format === 'json_object' || format === 'json_schema' ? 'json' : format;
  return log;
}

function toMessage(message: OpenAIRequestMessage): Message {
  const out: Message = { role: String(message.role), content: contentText(message.content) };
  if (message.name !== undefined) out.name = message.name;
  if (message.tool_call_id !== undefined) out.toolCallId = message.tool_call_id;
  if (Array.isArray(message.tool_calls) && message.tool_calls.length > 0) {
    out.toolCalls = message.tool_calls.map(toToolCall);
  }
  return out;
}

/** Joins text parts; non-text parts (images, audio, files) are named so the log shows them. */
export function contentText(
  content: string | readonly OpenAIContentPart[] | null | undefined,
): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: OpenAIContentPart) => part.text ?? part.refusal ?? `[${String(part.type)}]`)
    .join('');
}

export function toToolCall(call: OpenAIToolCall): { id?: string; name: string; arguments: string } {
  const out: { id?: string; name: string; arguments: string } = {
    name: call.function?.name ?? '',
    arguments: call.function?.arguments ?? '',
  };
  if (call.id !== undefined) out.id = call.id;
  return out;
}

function setNumber<K extends keyof GenerationParameters>(
  target: GenerationParameters,
  key: K,
  value: unknown,
): void {
  if (typeof value === 'number' && Number.isFinite(value))
    (target as Record<K, unknown>)[key] = value;
}
