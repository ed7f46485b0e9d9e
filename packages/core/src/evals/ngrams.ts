/** Contiguous n-grams of a token list, each joined with a space. */
export function ngrams(tokens: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '));
  return out;
}

/** How many times each item occurs. */
export function countItems(items: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

/** Overlap of two multisets: Σ min(count in a, count in b) ("clipped" counts). */
export function clippedOverlap(a: Map<string, number>, b: Map<string, number>): number {
  let overlap = 0;
  for (const [item, count] of a) overlap += Math.min(count, b.get(item) ?? 0);
  return overlap;
}

/**
 * Penn Treebank-style word tokenization: punctuation (`, : ; @ # $ % & ? !`, brackets,
 * `--`, `...`, a sentence-final period) becomes its own token and English contractions are
 * split (`don't` → `do n't`, `it's` → `it 's`). Quotes are separated as tokens without the
 * open/close distinction of the full Treebank rules.
 *
 * @example
 * treebankTokenize("Refunds aren't free, sorry."); // ['Refunds', 'are', "n't", 'free', ',', 'sorry', '.']
 */
export function treebankTokenize(text: string): string[] {
  let t = text.replace(/\s+/g, ' ').trim();
  if (t === '') return [];
  t = t
    .replace(/"/g, ' " ')
    .replace(/\.{3}/g, ' ... ')
    .replace(/[:,](?!\d)/g, ' $& ')
    .replace(/[;@#$%&]/g, ' $& ')
    .replace(/([^.])(\.)([\])}>'"\s]*)$/, '$1 $2$3 ')
    .replace(/[?!]/g, ' $& ')
    .replace(/[\][(){}<>]/g, ' $& ')
    .replace(/--/g, ' -- ');
  t = ` ${t} `
    .replace(/([^'])' /g, "$1 ' ")
    .replace(/'([sSmMdD]) /g, " '$1 ")
    .replace(/('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) /g, ' $1 ')
    .replace(/\b(can)(not)\b/gi, '$1 $2')
    .replace(/\b(gon|wan|got)(na|ta)\b/gi, '$1 $2');
  return t.split(' ').filter((token) => token !== '');
}
