import { invalid, requireCount } from './stats-error.js';

const encoder = new TextEncoder();

/**
 * FNV-1a 32-bit hash of a string's UTF-8 bytes.
 *
 * Reference: Fowler, Noll & Vo, http://www.isthe.com/chongo/tech/comp/fnv/ (test vectors:
 * "" → 0x811c9dc5, "a" → 0xe40c292c, "foobar" → 0xbf9cf968).
 *
 * @example
 * fnv1a32('a'); // 0xe40c292c
 */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function addGroup(out: number[], features: readonly string[]): void {
  if (features.length === 0) return;
  const group = new Array<number>(out.length).fill(0);
  for (const f of features) {
    const h = fnv1a32(f);
    const i = h % out.length;
    // The top bit picks a sign so collisions cancel in expectation instead of piling up.
    group[i] = (group[i] as number) + (h >>> 31 ? -1 : 1);
  }
  const norm = Math.hypot(...group);
  if (norm === 0) return;
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + (group[i] as number) / norm;
}

/**
 * Local, model-free text embedding: word unigrams, word bigrams and character 3-grams (of the
 * lower-cased, NFKC-normalized word sequence padded with spaces) are hashed with FNV-1a into
 * a signed fixed-dimension vector. Each feature family is L2-normalized before summing so
 * long texts' many character n-grams do not drown the words; the result is L2-normalized.
 * Deterministic across runs and platforms; empty text gives the zero vector.
 *
 * @example
 * hashingVectorize('The refund policy changed', { dimensions: 256 }); // number[256], ‖v‖ = 1
 */
export function hashingVectorize(text: string, options: { dimensions?: number } = {}): number[] {
  if (typeof text !== 'string') throw invalid('hashingVectorize needs a string');
  const dimensions = options.dimensions ?? 256;
  requireCount('dimensions', dimensions, 1);
  const words =
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Array<number>(dimensions).fill(0);
  addGroup(
    out,
    words.map((w) => `w:${w}`),
  );
  addGroup(
    out,
    words.slice(1).map((w, i) => `b:${words[i] as string} ${w}`),
  );
  const chars = Array.from(` ${words.join(' ')} `);
  const grams: string[] = [];
  if (words.length > 0)
    for (let i = 0; i + 3 <= chars.length; i++) grams.push(`c:${chars.slice(i, i + 3).join('')}`);
  addGroup(out, grams);
  const norm = Math.hypot(...out);
  return norm === 0 ? out : out.map((v) => v / norm);
}
