import type { Attributes } from '@opentelemetry/api';
import { GLASSBOX_ATTRIBUTES, type Message, type TokenUsage } from '@glassbox/core/model';
import type { CallStatus } from './call-status.js';
import type { ContentTransform } from './content-policy.js';
import { TOKENS_SENT_ATTRIBUTE } from './estimate-prompt-tokens.js';
import { systemInstructionsJson, toGenAiMessages } from './message-attributes.js';

/** Request parameters recorded as `gen_ai.request.*`. */
export interface GenerationParameters {
  temperature?: number;
  topP?: number;
  topK?: number;
  maxTokens?: number;
  seed?: number;
  stop?: readonly string[];
  stream?: boolean;
  frequencyPenalty?: number;
  presencePenalty?: number;
  choiceCount?: number;
  encodingFormats?: readonly string[];
}

/** The structured log of one model call. */
export interface GenerationRecord {
  operation: string;
  provider?: string;
  requestModel?: string;
  responseModel?: string;
  responseId?: string;
  requestId?: string;
  parameters?: GenerationParameters;
  /** `text` or `json`, from the request's response format. */
  outputType?: string;
  systemInstructions?: string;
  inputMessages?: readonly Message[];
  outputMessages?: readonly Message[];
  finishReasons?: readonly string[];
  usage?: TokenUsage;
  costUsd?: number;
  timeToFirstTokenMs?: number;
  status?: CallStatus;
  errorType?: string;
  promptHash?: string;
  formatError?: string;
  promptName?: string;
  promptVersion?: string;
  /** Tool definitions offered to the model, as the request gave them. */
  toolDefinitions?: readonly unknown[];
  /** `toolDefinitions` already serialized, when the caller has it (saves a second stringify). */
  toolDefinitionsJson?: string;
  /** tool_choice and response_format as sent, recorded as JSON so a replay can send them again. */
  toolChoice?: unknown;
  responseFormat?: unknown;
  /** The SDK's estimate of the prompt tokens sent (see estimatePromptTokens). */
  tokensSent?: number;
  serverAddress?: string;
  serverPort?: number;
}

const PARAMETER_KEYS: ReadonlyArray<[keyof GenerationParameters, string]> = [
  ['temperature', 'gen_ai.request.temperature'],
  ['topP', 'gen_ai.request.top_p'],
  ['topK', 'gen_ai.request.top_k'],
  ['maxTokens', 'gen_ai.request.max_tokens'],
  ['seed', 'gen_ai.request.seed'],
  ['stream', 'gen_ai.request.stream'],
  ['frequencyPenalty', 'gen_ai.request.frequency_penalty'],
  ['presencePenalty', 'gen_ai.request.presence_penalty'],
  ['choiceCount', 'gen_ai.request.choice.count'],
];

/**
 * OTel GenAI (plus OpenInference kind and cost, plus Glassbox) attributes of a model call.
 * Content goes through the content policy; the prompt hash is taken by the caller from the
 * unredacted prompt so identical prompts still match under redaction.
 *
 * @example
 * generationAttributes({ operation: 'chat', requestModel: 'gpt-4o', status: 'success' }, (t) => t)
 */
export function generationAttributes(
  record: GenerationRecord,
  policy: ContentTransform,
): Attributes {
  const a: Attributes = {
    'gen_ai.operation.name': record.operation,
    'openinference.span.kind': record.operation === 'embeddings' ? 'EMBEDDING' : 'LLM',
  };
  set(a, 'gen_ai.provider.name', record.provider);
  set(a, 'gen_ai.request.model', record.requestModel);
  set(a, 'gen_ai.response.model', record.responseModel);
  set(a, 'gen_ai.response.id', record.responseId);
  set(a, 'gen_ai.output.type', record.outputType);
  set(a, 'server.address', record.serverAddress);
  set(a, 'server.port', record.serverPort);
  const parameters = record.parameters ?? {};
  for (const [field, key] of PARAMETER_KEYS)
    set(a, key, parameters[field] as number | boolean | undefined);
  if (parameters.stop !== undefined) a['gen_ai.request.stop_sequences'] = [...parameters.stop];
  if (parameters.encodingFormats !== undefined)
    a['gen_ai.request.encoding_formats'] = [...parameters.encodingFormats];
  if (record.systemInstructions !== undefined) {
    a['gen_ai.system_instructions'] = systemInstructionsJson(record.systemInstructions, policy);
  }
  if (record.inputMessages !== undefined) {
    a['gen_ai.input.messages'] = JSON.stringify(
      toGenAiMessages(record.inputMessages, policy, 'input.messages'),
    );
  }
  if (record.outputMessages !== undefined) {
    a['gen_ai.output.messages'] = JSON.stringify(
      toGenAiMessages(record.outputMessages, policy, 'output.messages', record.finishReasons),
    );
  }
  if (record.toolDefinitionsJson !== undefined) {
    a['gen_ai.tool.definitions'] = record.toolDefinitionsJson;
  } else if (record.toolDefinitions !== undefined && record.toolDefinitions.length > 0) {
    a['gen_ai.tool.definitions'] = JSON.stringify(record.toolDefinitions);
  }
  if (record.toolChoice !== undefined)
    a[GLASSBOX_ATTRIBUTES.requestToolChoice] = JSON.stringify(record.toolChoice);
  if (record.responseFormat !== undefined)
    a[GLASSBOX_ATTRIBUTES.requestResponseFormat] = JSON.stringify(record.responseFormat);
  if (record.finishReasons !== undefined && record.finishReasons.length > 0) {
    a['gen_ai.response.finish_reasons'] = [...record.finishReasons];
  }
  const usage = record.usage ?? {};
  set(a, 'gen_ai.usage.input_tokens', usage.input);
  set(a, 'gen_ai.usage.output_tokens', usage.output);
  set(a, 'gen_ai.usage.cache_read.input_tokens', usage.cached);
  set(a, TOKENS_SENT_ATTRIBUTE, record.tokensSent);
  set(a, 'llm.cost.total', record.costUsd);
  if (record.timeToFirstTokenMs !== undefined) {
    a['gen_ai.response.time_to_first_chunk'] = record.timeToFirstTokenMs / 1000;
  }
  set(a, 'error.type', record.errorType);
  set(a, GLASSBOX_ATTRIBUTES.callStatus, record.status);
  set(a, GLASSBOX_ATTRIBUTES.requestId, record.requestId);
  set(a, GLASSBOX_ATTRIBUTES.promptHash, record.promptHash);
  set(a, GLASSBOX_ATTRIBUTES.formatError, record.formatError);
  set(a, 'gen_ai.prompt.name', record.promptName);
  set(a, GLASSBOX_ATTRIBUTES.promptVersion, record.promptVersion);
  return a;
}

function set(a: Attributes, key: string, value: string | number | boolean | undefined): void {
  if (value === undefined) return;
  if (typeof value === 'number' && !Number.isFinite(value)) return;
  a[key] = value;
}
