import { createHash } from 'node:crypto';

function hash32(feature: string): number {
  return createHash('md5').update(feature).digest().readUInt32LE(0);
}

function features(text: string): Map<string, number> {
  const weights = new Map<string, number>();
  const add = (feature: string, weight: number) =>
    weights.set(feature, (weights.get(feature) ?? 0) + weight);
  const tokens = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  tokens.forEach((token, i) => {
    add(`w:${token}`, 1);
    const next = tokens[i + 1];
    if (next) add(`b:${token} ${next}`, 0.5);
    const padded = `<${token}>`;
    for (let j = 0; j + 3 <= padded.length; j++) add(`c:${padded.slice(j, j + 3)}`, 0.25);
  });
  return weights;
}

/**
 * A deterministic embedding: hashed word, word-bigram and character-trigram features,
 * signed-projected to `dimensions` and L2-normalised, so texts sharing words and spellings
 * have high cosine similarity. No model download.
 *
 * @example cosine(embedText('refund policy', 256), embedText('the refund policy', 256)) // > 0.7
 */
export function embedText(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const [feature, weight] of features(text)) {
    const h = hash32(feature);
    // Sub-linear weighting so a repeated word does not dominate.
    vector[h % dimensions]! += (h & 0x80000000 ? -1 : 1) * Math.sqrt(weight);
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((v) => v / norm);
}

/** Cosine similarity of two vectors of the same length. */
export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  a.forEach((x, i) => {
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  });
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
