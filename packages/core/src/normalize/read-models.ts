import type { Attributes } from '../model/attributes.js';
import { asObject, asString, firstOf } from './attribute-values.js';

const REQUEST_MODEL = ['gen_ai.request.model', 'llm.request.model_name'];
const LATER_REQUEST_MODEL = [
  'llm.model_name',
  'ai.model.id',
  'embedding.model_name',
  'reranker.model_name',
];
const RESPONSE_MODEL = ['gen_ai.response.model', 'llm.response.model_name', 'ai.response.model'];

export interface SpanModels {
  requestModel?: string;
  responseModel?: string;
}

/**
 * The model asked for and the model that answered. OpenInference's OpenAI instrumentation
 * sets `llm.model_name` to the requested model and overwrites it with the response's model
 * when the call succeeds; the request survives only in `llm.invocation_parameters.model`.
 * So when both are present and differ, the invocation model was requested and
 * `llm.model_name` answered.
 *
 * @example
 * readModels({ 'llm.model_name': 'gpt-4o-2024-08-06', 'llm.invocation_parameters': '{"model":"gpt-4o"}' })
 * // { requestModel: 'gpt-4o', responseModel: 'gpt-4o-2024-08-06' }
 */
export function readModels(attributes: Attributes): SpanModels {
  const invoked = asString(asObject(attributes['llm.invocation_parameters'])?.model);
  const modelName = asString(attributes['llm.model_name']);
  const requestModel =
    firstOf(attributes, REQUEST_MODEL, asString) ??
    invoked ??
    firstOf(attributes, LATER_REQUEST_MODEL, asString);
  const responseModel =
    firstOf(attributes, RESPONSE_MODEL, asString) ??
    (invoked !== undefined && modelName !== undefined && modelName !== invoked
      ? modelName
      : undefined);
  return {
    ...(requestModel !== undefined ? { requestModel } : {}),
    ...(responseModel !== undefined ? { responseModel } : {}),
  };
}
