import type { TokenEncoding } from '@glassbox/core/providers';

/** The slice of gpt-tokenizer the guards use. */
export interface Tokenizer {
  encode(text: string): number[];
  decode(tokens: number[]): string;
  countTokens(text: string): number;
}

const loaded = new Map<TokenEncoding, Promise<Tokenizer>>();

/**
 * The `gpt-tokenizer` encoding pinned for a model family (`describeModel(model).encoding`),
 * loaded on first use: each encoding is megabytes, so an app loads only the ones it needs.
 *
 * @example (await loadTokenizer('o200k_base')).countTokens('hello world') // 2
 */
export function loadTokenizer(encoding: TokenEncoding): Promise<Tokenizer> {
  let tokenizer = loaded.get(encoding);
  if (!tokenizer) {
    tokenizer = importEncoding(encoding);
    loaded.set(encoding, tokenizer);
  }
  return tokenizer;
}

function importEncoding(encoding: TokenEncoding): Promise<Tokenizer> {
  switch (encoding) {
    case 'o200k_base':
      return import('gpt-tokenizer/encoding/o200k_base');
    case 'cl100k_base':
      return import('gpt-tokenizer/encoding/cl100k_base');
    case 'p50k_base':
      return import('gpt-tokenizer/encoding/p50k_base');
    case 'r50k_base':
      return import('gpt-tokenizer/encoding/r50k_base');
  }
}
