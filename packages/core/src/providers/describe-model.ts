import { contextWindowFor } from '../classify/context-windows.js';
import { findModelPrice } from '../cost/find-model-price.js';
import type { ModelPrice } from '../cost/model-prices.js';

/** The tokenizer encodings `gpt-tokenizer` ships. */
export type TokenEncoding = 'o200k_base' | 'cl100k_base' | 'p50k_base' | 'r50k_base';

/**
 * The encoding pinned per model family, longest prefix wins. Models outside the OpenAI
 * families are counted with o200k_base: an estimate, marked as such by `encodingExact`.
 */
export const MODEL_ENCODINGS: Readonly<Record<string, TokenEncoding>> = {
  'gpt-4o': 'o200k_base',
  'gpt-4.1': 'o200k_base',
  'gpt-4.5': 'o200k_base',
  'gpt-5': 'o200k_base',
  o1: 'o200k_base',
  o3: 'o200k_base',
  o4: 'o200k_base',
  'gpt-4': 'cl100k_base',
  'gpt-3.5-turbo': 'cl100k_base',
  'text-embedding-3': 'cl100k_base',
  'text-embedding-ada-002': 'cl100k_base',
  'text-davinci-003': 'p50k_base',
  davinci: 'r50k_base',
};

/** What the guards need to know about a model. */
export interface ModelDescription {
  model: string;
  contextWindow: number | undefined;
  price: ModelPrice | undefined;
  encoding: TokenEncoding;
  /** False when the encoding is a stand-in for a non-OpenAI tokenizer. */
  encodingExact: boolean;
}

/**
 * Context window (classify's table), price (the cost table) and pinned token encoding of a
 * model id, with per-install overrides of the window.
 *
 * @example describeModel('gpt-4o-2024-08-06') // { contextWindow: 128000, encoding: 'o200k_base', ... }
 */
export function describeModel(
  model: string,
  contextWindows: Readonly<Record<string, number>> = {},
): ModelDescription {
  const id = model.toLowerCase().slice(model.lastIndexOf('/') + 1);
  let family: string | undefined;
  for (const prefix of Object.keys(MODEL_ENCODINGS)) {
    if (id.startsWith(prefix) && (family === undefined || prefix.length > family.length))
      family = prefix;
  }
  return {
    model,
    contextWindow: contextWindowFor(model, contextWindows),
    price: findModelPrice(model),
    encoding: family ? MODEL_ENCODINGS[family]! : 'o200k_base',
    encodingExact: family !== undefined,
  };
}
