import type { Attributes } from '../model/attributes.js';
import type { Message, RetrievedDocument, Span, TokenUsage, ToolCall } from '../model/span.js';
import type { ChatRequest, WireMessage } from './chat-request.js';

/** What one replayed call answered; `error` when the provider gave no answer. */
export interface TrialOutput {
  content: string | null;
  toolCalls?: ToolCall[];
  finishReason?: string;
  responseModel?: string;
  usage?: TokenUsage;
  costUsd?: number;
  latencyMs: number;
  error?: { status?: number; code?: string; message: string };
}

/** Attribute prefixes that describe the recorded answer, not the request. */
const ANSWER_KEYS = [
  'gen_ai.response.',
  'gen_ai.output.messages',
  'gen_ai.usage.',
  'error.',
  'glassbox.call.status',
  'glassbox.output.',
  'llm.output_messages',
  'llm.token_count',
  'llm.cost',
  'output.',
  'http.response.',
];

/** Marks a span as a replay of another; kept off production metrics by whoever stores it. */
export const REPLAY_OF_ATTRIBUTE = 'glassbox.replay.of_span';

/**
 * The span a replayed call would have produced: the original span with the request that was
 * sent and the answer that came back, so the classifier judges the replay exactly as it judged
 * the original.
 *
 * @example replayedSpan(original, plan.request, { content: 'Refunds take 14 days [refund#0]', latencyMs: 12 }, 'r1')
 */
export function replayedSpan(
  original: Span,
  request: ChatRequest,
  output: TrialOutput,
  spanId: string,
): Span {
  const attributes: Attributes = {};
  for (const [key, value] of Object.entries(original.attributes))
    if (!ANSWER_KEYS.some((prefix) => key.startsWith(prefix))) attributes[key] = value;
  attributes['gen_ai.request.model'] = request.model;
  attributes[REPLAY_OF_ATTRIBUTE] = original.spanId;
  if (output.error)
    attributes['error.type'] = output.error.code ?? String(output.error.status ?? 'error');
  const parameters: Span['parameters'] = {};
  if (request.temperature !== undefined) parameters.temperature = request.temperature;
  if (request.top_p !== undefined) parameters.topP = request.top_p;
  if (request.max_tokens !== undefined) parameters.maxTokens = request.max_tokens;
  if (request.seed !== undefined) parameters.seed = request.seed;
  if (request.stop !== undefined) parameters.stop = request.stop;
  const outputMessage: Message = { role: 'assistant', content: output.content ?? '' };
  if (output.toolCalls && output.toolCalls.length > 0) outputMessage.toolCalls = output.toolCalls;
  const span: Span = {
    ...original,
    spanId,
    durationMs: output.latencyMs,
    status: output.error ? 'error' : 'ok',
    requestModel: request.model,
    parameters,
    inputMessages: request.messages.map(toMessage),
    outputMessages: output.error ? [] : [outputMessage],
    usage: output.usage ?? {},
    attributes,
    events: [],
  };
  delete span.statusMessage;
  delete span.responseModel;
  delete span.finishReason;
  delete span.costUsd;
  delete span.output;
  if (output.error) span.statusMessage = output.error.message;
  else span.output = output.content ?? '';
  if (output.responseModel) span.responseModel = output.responseModel;
  if (output.finishReason) span.finishReason = output.finishReason;
  if (output.costUsd !== undefined) span.costUsd = output.costUsd;
  return span;
}

/**
 * The trace as the replay would have made it: the replayed span in place of the original and,
 * when the retrieved context was swapped, the retrieval spans holding `documents`.
 */
export function replayedTrace(
  spans: readonly Span[],
  original: Span,
  replayed: Span,
  documents?: readonly RetrievedDocument[],
): Span[] {
  return spans.map((s) => {
    if (s.spanId === original.spanId) return replayed;
    if (
      documents &&
      (s.kind === 'retriever' || s.kind === 'reranker') &&
      s.startMs <= original.startMs
    )
      return { ...s, documents: [...documents] };
    return s;
  });
}

function toMessage(m: WireMessage): Message {
  const out: Message = { role: m.role, content: m.content ?? '' };
  if (m.name !== undefined) out.name = m.name;
  if (m.tool_call_id !== undefined) out.toolCallId = m.tool_call_id;
  if (m.tool_calls)
    out.toolCalls = m.tool_calls.map((c) => ({
      id: c.id,
      name: c.function.name,
      arguments: c.function.arguments,
    }));
  return out;
}
