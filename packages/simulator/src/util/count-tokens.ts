/**
 * Approximates BPE token counts: words split into ~4-character pieces, every punctuation mark
 * one token. Consistent rather than exact; the same text always yields the same count.
 *
 * @example countTokens('Hello, world!') // 4
 */
export function countTokens(text: string): number {
  let tokens = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu)) {
    const piece = match[0];
    tokens += /^[\p{L}\p{N}_]/u.test(piece) ? Math.ceil(piece.length / 4) : 1;
  }
  return tokens;
}

/**
 * Splits text into pieces of roughly one token each, keeping whitespace attached so the
 * pieces concatenate back to the original.
 */
export function tokenPieces(text: string): string[] {
  const pieces: string[] = [];
  for (const match of text.matchAll(/\s*(?:[\p{L}\p{N}_]{1,4}|[^\s\p{L}\p{N}_])|\s+$/gu)) {
    pieces.push(match[0]);
  }
  return pieces;
}

/** Cuts text to at most `maxTokens` tokens (by the same heuristic as {@link countTokens}). */
export function truncateToTokens(text: string, maxTokens: number): string {
  return tokenPieces(text).slice(0, Math.max(0, maxTokens)).join('');
}

/** Keeps the last `maxTokens` tokens of a text: what a provider keeps when it drops the start. */
export function keepLastTokens(text: string, maxTokens: number): string {
  const pieces = tokenPieces(text);
  return pieces
    .slice(Math.max(0, pieces.length - maxTokens))
    .join('')
    .trimStart();
}
