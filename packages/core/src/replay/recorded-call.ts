import type { Attributes, AttributeValue } from '../model/attributes.js';
import { GLASSBOX_ATTRIBUTES } from '../model/glassbox-attributes.js';
import type { RetrievedDocument, Span } from '../model/span.js';
import type { ChatRequest, WireMessage, WireToolCall } from './chat-request.js';
import { locateContext, type ContextRegion } from './context-region.js';
import { ReplayError } from './replay-error.js';

/** Everything a recorded LLM call sent, rebuilt as a request, with where its context sits. */
export interface RecordedCall {
  traceId: string;
  spanId: string;
  request: ChatRequest;
  /** Where the retrieved documents sit in `request.messages`; null when they cannot be found. */
  context: ContextRegion | null;
  /** The documents the call was given (its own, or the trace's last reranker or retriever). */
  documents: RetrievedDocument[];
  /** The model version that answered, when the provider reported it. */
  responseModel?: string;
  promptVersion?: string;
}

/** What the SDK records in hash-only mode instead of content. */
const HASHED = /^sha256:[0-9a-f]{64} len:\d+$/;

/**
 * Rebuilds the exact request of a recorded LLM span: messages (tool-call turns with their
 * recorded results as tool messages), tools, tool_choice, response_format, stop, seed,
 * max_tokens and sampling. `traceSpans` supplies tool results missing from the messages and
 * the retrieved documents. Throws a ReplayError naming what is missing when the span cannot be
 * replayed.
 *
 * @example
 * const call = readRecordedCall(llmSpan, trace.spans); call.request.messages.length
 */
export function readRecordedCall(span: Span, traceSpans: readonly Span[] = []): RecordedCall {
  const where = `span ${span.spanId} of trace ${span.traceId}`;
  if (span.kind !== 'llm')
    throw new ReplayError(
      'span_not_replayable',
      `${where} is a ${span.kind} span; only LLM calls can be replayed`,
      ['an LLM span'],
    );
  const missing: string[] = [];
  const model = span.requestModel ?? span.responseModel;
  if (!model) missing.push('the request model (gen_ai.request.model)');
  if (span.inputMessages.length === 0)
    missing.push(
      'the input messages (gen_ai.input.messages): the instrumentation did not capture message content',
    );
  else if (span.inputMessages.some((m) => HASHED.test(m.content)))
    missing.push(
      'the message text: the span was recorded in hash-only mode (GLASSBOX_HASH_ONLY), which keeps only SHA-256 hashes',
    );
  if (missing.length > 0 || !model)
    throw new ReplayError(
      'span_not_replayable',
      `${where} cannot be replayed: missing ${missing.join('; ')}`,
      missing,
    );

  const params = invocationParameters(span.attributes);
  const request: ChatRequest = { model, messages: wireMessages(span, traceSpans) };
  const tools = toolsOf(span, params);
  if (tools.length > 0) request.tools = tools;
  const toolChoice =
    jsonAttribute(span.attributes[GLASSBOX_ATTRIBUTES.requestToolChoice]) ??
    jsonAttribute(span.attributes['gen_ai.request.tool_choice']) ??
    params.tool_choice;
  if (toolChoice !== undefined) request.tool_choice = toolChoice;
  const format = responseFormatOf(span.attributes, params);
  if (format !== undefined) request.response_format = format;
  const p = span.parameters;
  setNumber(request, 'temperature', p.temperature ?? params.temperature);
  setNumber(request, 'top_p', p.topP ?? params.top_p);
  setNumber(
    request,
    'frequency_penalty',
    span.attributes['gen_ai.request.frequency_penalty'] ?? params.frequency_penalty,
  );
  setNumber(
    request,
    'presence_penalty',
    span.attributes['gen_ai.request.presence_penalty'] ?? params.presence_penalty,
  );
  setNumber(request, 'seed', p.seed ?? params.seed);
  setNumber(
    request,
    'max_tokens',
    p.maxTokens ?? params.max_tokens ?? params.max_completion_tokens,
  );
  const stop = p.stop ?? (Array.isArray(params.stop) ? params.stop : undefined);
  if (stop && stop.length > 0) request.stop = stop.map(String);

  const documents = documentsOf(span, traceSpans);
  const call: RecordedCall = {
    traceId: span.traceId,
    spanId: span.spanId,
    request,
    context: locateContext(request.messages, documents),
    documents,
  };
  if (span.responseModel) call.responseModel = span.responseModel;
  if (span.prompt?.version) call.promptVersion = span.prompt.version;
  return call;
}

/** Messages in wire format; tool calls get ids and every call is answered by a tool message. */
function wireMessages(span: Span, traceSpans: readonly Span[]): WireMessage[] {
  const out: WireMessage[] = [];
  let pending: WireToolCall[] = [];
  let callCount = 0;
  const flushPending = (): void => {
    for (const call of pending) {
      const result = recordedToolResult(call, traceSpans);
      if (result === undefined)
        throw new ReplayError(
          'span_not_replayable',
          `span ${span.spanId} of trace ${span.traceId} cannot be replayed: missing the result of tool call ${call.function.name} (${call.id}); it is neither in the messages nor in a tool span of the trace`,
          [`the result of tool call ${call.function.name}`],
        );
      out.push({ role: 'tool', tool_call_id: call.id, content: result });
    }
    pending = [];
  };
  for (const message of span.inputMessages) {
    if (message.role === 'tool') {
      const id = message.toolCallId ?? pending[0]?.id ?? `call_${callCount++}`;
      pending = pending.filter((c) => c.id !== id);
      out.push({ role: 'tool', tool_call_id: id, content: message.content });
      continue;
    }
    flushPending();
    const wire: WireMessage = { role: message.role, content: message.content };
    if (message.name !== undefined) wire.name = message.name;
    if (message.toolCalls && message.toolCalls.length > 0) {
      wire.tool_calls = message.toolCalls.map((c) => ({
        id: c.id ?? `call_${callCount++}`,
        type: 'function',
        function: { name: c.name, arguments: c.arguments },
      }));
      if (wire.content === '') wire.content = null;
      pending = [...wire.tool_calls];
    }
    out.push(wire);
  }
  flushPending();
  return out;
}

function recordedToolResult(call: WireToolCall, spans: readonly Span[]): string | undefined {
  const byId = spans.find((s) => s.tool?.callId === call.id && s.tool.result !== undefined);
  if (byId) return byId.tool?.result;
  const byCall = spans.find(
    (s) =>
      s.kind === 'tool' &&
      (s.tool?.name ?? s.name) === call.function.name &&
      (s.tool?.arguments === undefined || s.tool.arguments === call.function.arguments) &&
      (s.tool?.result ?? s.output) !== undefined,
  );
  return byCall ? (byCall.tool?.result ?? byCall.output) : undefined;
}

function toolsOf(span: Span, params: Record<string, unknown>): unknown[] {
  const raw = jsonAttribute(span.attributes['gen_ai.tool.definitions']) ?? params.tools;
  if (Array.isArray(raw) && raw.length > 0)
    return raw.map((t) =>
      isRecord(t) && t.type === 'function' ? t : { type: 'function', function: t },
    );
  return span.toolDefinitions.map((t) => ({
    type: 'function',
    function: {
      name: t.name,
      ...(t.description !== undefined ? { description: t.description } : {}),
      ...(t.parameters !== undefined ? { parameters: t.parameters } : {}),
    },
  }));
}

function responseFormatOf(attributes: Attributes, params: Record<string, unknown>): unknown {
  for (const key of [
    GLASSBOX_ATTRIBUTES.requestResponseFormat,
    'gen_ai.openai.request.response_format',
    'gen_ai.request.response_format',
  ]) {
    const value = jsonAttribute(attributes[key]);
    if (typeof value === 'string') return { type: value };
    if (value !== undefined) return value;
  }
  if (params.response_format !== undefined) return params.response_format;
  if (attributes['gen_ai.output.type'] === 'json') return { type: 'json_object' };
  return undefined;
}

/** The documents the call was given: its own, else the last reranker's or retriever's before it. */
function documentsOf(span: Span, spans: readonly Span[]): RetrievedDocument[] {
  if (span.documents.length > 0) return span.documents;
  const before = spans.filter(
    (s) => s.documents.length > 0 && s.startMs <= span.startMs && s.spanId !== span.spanId,
  );
  const pick = (kind: Span['kind']) => before.filter((s) => s.kind === kind).at(-1);
  return (pick('reranker') ?? pick('retriever'))?.documents ?? [];
}

function invocationParameters(attributes: Attributes): Record<string, unknown> {
  const value = jsonAttribute(attributes['llm.invocation_parameters']);
  return isRecord(value) ? value : {};
}

function jsonAttribute(value: AttributeValue | undefined): unknown {
  if (typeof value !== 'string') return value ?? undefined;
  const text = value.trim();
  if (!text.startsWith('{') && !text.startsWith('[') && !text.startsWith('"')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function setNumber(target: ChatRequest, key: keyof ChatRequest, value: unknown): void {
  if (typeof value === 'number' && Number.isFinite(value))
    (target as unknown as Record<string, number>)[key] = value;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
