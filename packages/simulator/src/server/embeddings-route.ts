import { embedText } from '../embeddings/embed-text.js';
import { mangleFormat } from '../embeddings/mangle-format.js';
import { countTokens } from '../util/count-tokens.js';
import { ProviderError } from './provider-error.js';
import type { ProviderRoute } from './provider-route.js';
import { isRecord } from './provider-route.js';

const MAX_INPUTS = 2048;
const MAX_DIMENSIONS = 3072;

function inputs(body: unknown): string[] | null {
  if (!isRecord(body)) return null;
  const input = body.input;
  const asText = (v: unknown): string | null =>
    typeof v === 'string'
      ? v
      : Array.isArray(v) && v.every((t) => Number.isInteger(t))
        ? v.map((t) => `t${String(t)}`).join(' ')
        : null;
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input)) return null;
  if (input.length > 0 && input.every((t) => typeof t === 'number')) return [asText(input) ?? ''];
  const texts = input.map(asText);
  return texts.every((t): t is string => t !== null) ? texts : null;
}

/** `POST /v1/embeddings`: deterministic hashed n-gram vectors, float or base64. */
export const embeddingsRoute: ProviderRoute = {
  route: 'embeddings',
  facts(body) {
    return {
      route: 'embeddings',
      model: isRecord(body) && typeof body.model === 'string' ? body.model : null,
      text: (inputs(body) ?? []).join('\n'),
      tool: null,
    };
  },
  handle({ state, body, behavior, groundTruth }) {
    if (!isRecord(body) || typeof body.model !== 'string' || body.model === '') {
      throw new ProviderError('invalid_request', 'you must provide a model parameter', {
        param: 'model',
      });
    }
    const texts = inputs(body);
    if (!texts || texts.length === 0 || texts.length > MAX_INPUTS || texts.some((t) => t === '')) {
      throw new ProviderError(
        'invalid_request',
        `'$.input' is invalid: expected a non-empty string, an array of up to ${MAX_INPUTS} non-empty strings, or token arrays.`,
        { param: 'input' },
      );
    }
    const model = state.model(body.model, 'embedding');
    const dims = body.dimensions ?? model.dimensions ?? 256;
    if (typeof dims !== 'number' || !Number.isInteger(dims) || dims < 1 || dims > MAX_DIMENSIONS) {
      throw new ProviderError(
        'invalid_request',
        `Invalid 'dimensions': expected an integer between 1 and ${MAX_DIMENSIONS}.`,
        {
          param: 'dimensions',
        },
      );
    }
    const format = body.encoding_format ?? 'float';
    if (format !== 'float' && format !== 'base64') {
      throw new ProviderError(
        'invalid_request',
        "Invalid 'encoding_format': expected 'float' or 'base64'.",
        {
          param: 'encoding_format',
        },
      );
    }
    let promptTokens = 0;
    const data = texts.map((text, index) => {
      const tokens = countTokens(text);
      if (tokens > model.contextWindow) {
        throw new ProviderError(
          'context_length_exceeded',
          `This model's maximum context length is ${model.contextWindow} tokens, however you requested ${tokens} tokens (input ${index}). Please reduce your prompt.`,
          { param: 'input' },
        );
      }
      promptTokens += tokens;
      const vector = embedText(mangleFormat(text, behavior.embeddingFormatChange), dims);
      const embedding =
        format === 'base64'
          ? Buffer.from(new Float32Array(vector).buffer).toString('base64')
          : vector;
      return { object: 'embedding', index, embedding };
    });
    if (behavior.embeddingFormatChange !== 'none')
      groundTruth.add(`embedding-format-${behavior.embeddingFormatChange}`);
    state.stats.tokens.prompt += promptTokens;
    return {
      kind: 'json',
      body: {
        object: 'list',
        data,
        model: behavior.returnedModel ?? model.version,
        usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
      },
    };
  },
};
