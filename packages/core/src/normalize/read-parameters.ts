import type { AttributeValue, Attributes } from '../model/attributes.js';
import type { ModelParameters } from '../model/span.js';
import { asBoolean, asCount, asNumber, asObject, asStringList } from './attribute-values.js';

type Source = Record<string, AttributeValue | undefined>;

const FIELDS: {
  field: keyof ModelParameters;
  read: (value: AttributeValue | undefined) => ModelParameters[keyof ModelParameters];
  otel: string[];
  invocation: string[];
  aiSdk: string[];
}[] = [
  {
    field: 'temperature',
    read: asNumber,
    otel: ['gen_ai.request.temperature'],
    invocation: ['temperature'],
    aiSdk: ['temperature'],
  },
  {
    field: 'topP',
    read: asNumber,
    otel: ['gen_ai.request.top_p'],
    invocation: ['top_p', 'topP'],
    aiSdk: ['topP'],
  },
  {
    field: 'topK',
    read: asCount,
    otel: ['gen_ai.request.top_k', 'llm.top_k'],
    invocation: ['top_k', 'topK'],
    aiSdk: ['topK'],
  },
  {
    field: 'maxTokens',
    read: asCount,
    otel: ['gen_ai.request.max_tokens'],
    invocation: ['max_tokens', 'max_completion_tokens', 'max_output_tokens', 'maxTokens'],
    aiSdk: ['maxOutputTokens', 'maxTokens'],
  },
  {
    field: 'seed',
    read: asNumber,
    otel: ['gen_ai.request.seed', 'gen_ai.openai.request.seed'],
    invocation: ['seed'],
    aiSdk: ['seed'],
  },
  {
    field: 'stop',
    read: asStringList,
    otel: ['gen_ai.request.stop_sequences', 'llm.chat.stop_sequences'],
    invocation: ['stop', 'stop_sequences'],
    aiSdk: ['stopSequences'],
  },
  {
    field: 'stream',
    read: asBoolean,
    otel: ['gen_ai.request.stream'],
    invocation: ['stream'],
    aiSdk: [],
  },
];

/**
 * Request parameters: `gen_ai.request.*`, else the JSON in OpenInference's
 * `llm.invocation_parameters`, else the AI SDK's `ai.settings.*`.
 */
export function readParameters(attributes: Attributes): ModelParameters {
  const invocation: Source = asObject(attributes['llm.invocation_parameters']) ?? {};
  const out: Record<string, unknown> = {};
  for (const { field, read, otel, invocation: keys, aiSdk } of FIELDS) {
    const candidates = [
      ...otel.map((key) => attributes[key]),
      ...keys.map((key) => invocation[key]),
      ...aiSdk.map((key) => attributes[`ai.settings.${key}`]),
    ];
    for (const candidate of candidates) {
      const value = read(candidate);
      if (value !== undefined) {
        out[field] = value;
        break;
      }
    }
  }
  return out as ModelParameters;
}
