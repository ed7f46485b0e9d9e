const STOPWORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being
  below between both but by can could did do does doing down during each few for from further
  had has have having he her here hers herself him himself his how i if in into is it its itself
  just me more most my myself no nor not now of off on once only or other our ours ourselves out
  over own same she should so some such than that the their theirs them themselves then there
  these they this those through to too under until up very was we were what when where which
  while who whom why will with would you your yours yourself yourselves please tell explain
  give know want need also use using used get got make like much many may might must shall
  answer question questions following based provided context only one long take takes
  does much many`
    .split(/\s+/)
    .filter(Boolean),
);

/** Lower-cased words of a text, in order, punctuation stripped. */
export function words(text: string): string[] {
  return [...text.toLowerCase().matchAll(/[\p{L}\p{N}][\p{L}\p{N}'_-]*/gu)].map((m) =>
    m[0].replace(/'s$/, ''),
  );
}

/**
 * The content words of a text (stopwords and very short words dropped), unique, in order.
 *
 * @example keyTerms('What is the refund policy for damaged items?') // ['refund', 'policy', 'damaged', 'items']
 */
export function keyTerms(text: string): string[] {
  const seen = new Set<string>();
  for (const word of words(text)) {
    if (word.length < 3 || STOPWORDS.has(word) || seen.has(word)) continue;
    seen.add(word);
  }
  return [...seen];
}

/** Crude stem so "refunds" meets "refund" and "shipping" meets "shipped". */
export function stem(word: string): string {
  return word.replace(/(?:ies|ing|ed|es|s|ly)$/, '') || word;
}

/** How many of `terms` (stemmed) occur in `text`. */
export function overlap(terms: readonly string[], text: string): number {
  const stems = new Set(words(text).map(stem));
  return terms.reduce((n, term) => n + (stems.has(stem(term)) ? 1 : 0), 0);
}

/** Splits prose into sentences, keeping their final punctuation. */
export function sentences(text: string): string[] {
  return (text.match(/[^.!?\n]+(?:[.!?]+(?=\s|$)|$)/g) ?? [])
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
