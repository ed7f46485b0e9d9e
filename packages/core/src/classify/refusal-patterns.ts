/**
 * Phrases that open or carry a refusal, lower-case, apostrophes normalized to '. Matched as
 * substrings of the first part of the output, so no regular expression can backtrack.
 */
export const REFUSAL_PATTERNS: readonly string[] = [
  "i can't help with that",
  "i can't help with this",
  'i cannot help with that',
  'i cannot help with this',
  "i can't assist with",
  'i cannot assist with',
  "i'm sorry, but i can't",
  "i'm sorry, but i cannot",
  'i am sorry, but i cannot',
  "i'm sorry, i can't",
  "i'm sorry, i cannot",
  "i'm not able to help with",
  "i'm unable to help with",
  "i'm unable to assist with",
  'i am unable to assist with',
  "i'm unable to provide",
  'i am unable to provide',
  "i can't provide",
  'i cannot provide',
  "i won't be able to help",
  "i can't comply",
  'i cannot comply',
  'i must decline',
  'i have to decline',
  'as an ai language model',
  'as an ai, i',
  "as an ai assistant, i can't",
  "i'm not allowed to",
  'i am not allowed to',
  "i'm not permitted to",
  'this request violates',
  'against my guidelines',
  'goes against my programming',
  "i can't answer that",
  'i cannot answer that',
];

/**
 * Phrases saying the sources do not hold the answer, lower-case, apostrophes normalized. An
 * output carrying one of these is an abstention ("I can't answer that from the provided
 * sources"): the model declined for lack of evidence, which is the behaviour a grounded
 * assistant should show, not a refusal.
 */
export const ABSTENTION_PATTERNS: readonly string[] = [
  'from the provided sources',
  'from the sources',
  'from the provided context',
  'from the provided documents',
  'from the context',
  'from the documents',
  'in the provided sources',
  'in the provided context',
  'in the provided documents',
  'in the sources',
  'in the context provided',
  'in the documents provided',
  'the sources do not',
  "the sources don't",
  'the context does not',
  "the context doesn't",
  'the documents do not',
  "the documents don't",
  'does not contain information',
  "doesn't contain information",
  'not covered by the',
  'no information about',
  "couldn't find",
  'could not find',
];

/** How far into an output refusals are looked for: they open the answer, never bury it. */
const REFUSAL_WINDOW = 400;

/**
 * The refusal phrase found near the start of `text`, or undefined. Abstentions (the sources
 * do not cover the question) are not refusals.
 *
 * @example
 * detectRefusal("I'm sorry, but I cannot share that."); // "i'm sorry, but i cannot"
 * detectRefusal("I can't answer that from the provided sources."); // undefined
 */
export function detectRefusal(text: string): string | undefined {
  const head = normalizedHead(text);
  if (ABSTENTION_PATTERNS.some((p) => head.includes(p))) return undefined;
  return REFUSAL_PATTERNS.find((p) => head.includes(p));
}

/**
 * The abstention phrase found near the start of `text` (the model said its sources do not
 * answer the question), or undefined.
 *
 * @example
 * detectAbstention("I can't answer that from the provided sources."); // 'from the provided sources'
 */
export function detectAbstention(text: string): string | undefined {
  const head = normalizedHead(text);
  return ABSTENTION_PATTERNS.find((p) => head.includes(p));
}

function normalizedHead(text: string): string {
  return text
    .slice(0, REFUSAL_WINDOW)
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/\s+/g, ' ');
}
