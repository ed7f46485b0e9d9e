import { canonicalFinishReason } from './finish-reason.js';
import { computeCostUsd } from '../cost/compute-cost-usd.js';
import type { Attributes } from '../model/attributes.js';
import type { OtlpSpan } from '../model/otlp-span.js';
import type { Message, Span, SpanKind, SpanStatus, TokenUsage } from '../model/span.js';
import { withAttributePrefixIndex } from './attribute-prefix-index.js';
import { asNumber, asString, asStringList, firstOf, isRecord } from './attribute-values.js';
import {
  DEFAULT_SESSION_ID_KEYS,
  DEFAULT_USER_ID_KEYS,
  type NormalizeContext,
} from './normalize-context.js';
import { normalizeProvider } from './provider-name.js';
import { readDocuments } from './read-documents.js';
import { readLabels } from './read-labels.js';
import { readMessages } from './read-messages.js';
import { readModels } from './read-models.js';
import { readParameters } from './read-parameters.js';
import { readPrompt } from './read-prompt.js';
import { readToolDefinitions } from './read-tool-definitions.js';
import { readToolExecution } from './read-tool-execution.js';
import { readUsage } from './read-usage.js';
import { declaredKind } from './resolve-kind.js';
import { pickInput, pickOutput } from './pick-input-output.js';

const PROVIDER = [
  'gen_ai.provider.name',
  'gen_ai.system',
  'llm.provider',
  'llm.system',
  'ai.model.provider',
];

/**
 * Maps one OTLP span, whatever GenAI convention it follows (OTel GenAI current and
 * deprecated, OpenInference, OpenLLMetry, Vercel AI SDK, Glassbox's own keys), onto the
 * normalized Span. Never throws on odd attribute values: a value of the wrong type is ignored
 * for its field and still kept in `attributes`.
 *
 * @example
 * const span = normalizeSpan(otlpSpan, { projectId: 'default' });
 * span.kind; // 'llm'
 */
export function normalizeSpan(raw: OtlpSpan, context: NormalizeContext): Span {
  const attributes: Attributes = isRecord(raw.attributes) ? raw.attributes : {};
  return withAttributePrefixIndex(attributes, () => normalizeWith(raw, attributes, context));
}

function normalizeWith(raw: OtlpSpan, attributes: Attributes, context: NormalizeContext): Span {
  const events = Array.isArray(raw.events) ? raw.events : [];
  const resource: Attributes = isRecord(raw.resource) ? raw.resource : {};
  const startMs = nanosToMs(raw.startTimeUnixNano);
  const endMs = nanosToMs(raw.endTimeUnixNano);

  const messages = readMessages(attributes, events);
  const { requestModel, responseModel } = readModels(attributes);
  const providerRaw = firstOf(attributes, PROVIDER, asString);
  const documents = readDocuments(attributes, events);
  const kind =
    declaredKind(attributes) ??
    inferKind(attributes, requestModel, messages.input, documents.length);
  const tool = readToolExecution(attributes, kind);
  const usage = countsOwnUsage(attributes) ? readUsage(attributes) : {};
  const labels = readLabels(
    attributes,
    context.sessionIdKeys ?? DEFAULT_SESSION_ID_KEYS,
    context.userIdKeys ?? DEFAULT_USER_ID_KEYS,
  );
  const prompt = readPrompt(attributes);
  const parameters = readParameters(attributes);
  if (
    parameters.stream === undefined &&
    /\.doStream$/.test(asString(attributes['ai.operationId']) ?? '')
  ) {
    parameters.stream = true;
  }
  const retrievalQuery =
    firstOf(attributes, ['gen_ai.retrieval.query.text', 'reranker.query'], asString) ??
    (kind === 'retriever'
      ? firstOf(attributes, ['input.value', 'traceloop.entity.input'], asString)
      : undefined);
  const agentName =
    firstOf(attributes, ['gen_ai.agent.name', 'agent.name'], asString) ??
    (asString(attributes['traceloop.span.kind']) === 'agent'
      ? asString(attributes['traceloop.entity.name'])
      : undefined) ??
    (kind === 'agent' ? asString(attributes['graph.node.name']) : undefined);
  const agentVersion = asString(attributes['gen_ai.agent.version']);
  const versions = {
    ...(agentVersion ? { agent: agentVersion } : {}),
    ...(prompt?.version ? { prompt: prompt.version } : {}),
    ...labels.versions,
  };
  const producerFinishReason =
    asStringList(attributes['gen_ai.response.finish_reasons'])?.[0] ??
    asString(attributes['llm.finish_reason']) ??
    asString(attributes['ai.response.finishReason']) ??
    messages.finishReasons[0];
  const finishReason = producerFinishReason && canonicalFinishReason(producerFinishReason);
  const timeToFirstTokenMs = readTimeToFirstToken(attributes);
  const costUsd = readCost(attributes, usage, responseModel, requestModel);
  const input = pickInput(attributes, kind, messages.input, tool?.arguments, retrievalQuery);
  const output = pickOutput(attributes, kind, messages.output, tool?.result);
  const serviceName = asString(resource['service.name']);

  // Built field by field (not with conditional spreads, which copy an object each): the
  // key order is the same, so serialized spans do not change.
  const span = {
    projectId: context.projectId,
    traceId: raw.traceId.toLowerCase(),
    spanId: raw.spanId.toLowerCase(),
  } as Span;
  if (raw.parentSpanId) span.parentSpanId = raw.parentSpanId.toLowerCase();
  span.name = typeof raw.name === 'string' ? raw.name : '';
  span.kind = kind;
  span.startTimeUnixNano = raw.startTimeUnixNano;
  span.endTimeUnixNano = raw.endTimeUnixNano;
  span.startMs = startMs;
  span.durationMs = Math.max(0, endMs - startMs);
  span.status = statusOf(raw.status?.code);
  if (raw.status?.message) span.statusMessage = raw.status.message;
  if (serviceName) span.serviceName = serviceName;
  if (requestModel) span.requestModel = requestModel;
  if (responseModel) span.responseModel = responseModel;
  if (providerRaw) span.provider = normalizeProvider(providerRaw);
  span.parameters = parameters;
  span.inputMessages = messages.input;
  span.outputMessages = messages.output;
  if (input !== undefined) span.input = input;
  if (output !== undefined) span.output = output;
  if (finishReason) span.finishReason = finishReason;
  span.usage = usage;
  if (costUsd !== undefined) span.costUsd = costUsd;
  if (timeToFirstTokenMs !== undefined) span.timeToFirstTokenMs = timeToFirstTokenMs;
  if (tool) span.tool = tool;
  span.toolDefinitions = readToolDefinitions(attributes);
  if (retrievalQuery) span.retrievalQuery = retrievalQuery;
  span.documents = documents;
  if (labels.sessionId) span.sessionId = labels.sessionId;
  if (labels.userId) span.userId = labels.userId;
  if (prompt) span.prompt = prompt;
  if (agentName) span.agentName = agentName;
  span.tags = labels.tags;
  span.metadata = labels.metadata;
  span.versions = versions;
  span.resource = resource;
  const scope: Span['scope'] = { name: typeof raw.scope?.name === 'string' ? raw.scope.name : '' };
  if (raw.scope?.version) scope.version = raw.scope.version;
  span.scope = scope;
  span.attributes = attributes;
  span.events = events;
  return span;
}

/** Without a declared kind: tools, model calls, retrievals are still recognised. */
function inferKind(
  attributes: Attributes,
  requestModel: string | undefined,
  input: Message[],
  documentCount: number,
): SpanKind {
  if (firstOf(attributes, ['gen_ai.tool.name', 'tool.name', 'ai.toolCall.name'], asString))
    return 'tool';
  if (requestModel && input.length > 0) return 'llm';
  if (documentCount > 0) return 'retriever';
  return 'other';
}

/**
 * AI SDK wrapper spans (`ai.generateText`, `ai.embedMany`, ...) repeat the summed usage of
 * their `do*` children; counting it again would double every trace total.
 */
function countsOwnUsage(attributes: Attributes): boolean {
  const operation = asString(attributes['ai.operationId']);
  return operation === undefined || operation.includes('.do');
}

function readCost(
  attributes: Attributes,
  usage: TokenUsage,
  responseModel: string | undefined,
  requestModel: string | undefined,
): number | undefined {
  const reported = asNumber(attributes['llm.cost.total']);
  if (reported !== undefined && reported >= 0) return reported;
  return computeCostUsd(responseModel, usage) ?? computeCostUsd(requestModel, usage);
}

function readTimeToFirstToken(attributes: Attributes): number | undefined {
  const seconds = asNumber(attributes['gen_ai.response.time_to_first_chunk']);
  if (seconds !== undefined && seconds >= 0) return seconds * 1000;
  const ms = firstOf(
    attributes,
    ['ai.response.msToFirstChunk', 'ai.stream.msToFirstChunk'],
    asNumber,
  );
  return ms !== undefined && ms >= 0 ? ms : undefined;
}

function statusOf(code: unknown): SpanStatus {
  if (code === 1) return 'ok';
  if (code === 2) return 'error';
  return 'unset';
}

/** Nanoseconds (decimal string) to milliseconds, keeping sub-millisecond precision. */
export function nanosToMs(nanos: string): number {
  if (typeof nanos !== 'string' || !/^\d+$/.test(nanos)) return 0;
  const big = BigInt(nanos);
  return Number(big / 1_000_000n) + Number(big % 1_000_000n) / 1e6;
}
