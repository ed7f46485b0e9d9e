/** English words average about five letters; run-together text averages two or three words. */
const GLUED_MEAN_LENGTH = 9;
/** Share of tokens joined across a case or punctuation boundary ("offBrightpath", "rentals.A"). */
const JOINED_SHARE = 0.2;
const MARKUP =
  /<\/?(?:html|head|body|div|span|p|nav|footer|header|table|tr|td|br|script|style)\b[^>]*>|&nbsp;|&amp;|&lt;/i;

/**
 * How a document's text looks broken by its extraction step, or undefined when it reads as
 * prose: HTML markup or entities left in, or words run together (a lost-whitespace bug in an
 * HTML-to-text or PDF-to-text step). A heuristic for diagnosis evidence, not a finding.
 *
 * @example
 * malformedText('Acceptedpaymentmethods. BrightpathacceptsVisa, Mastercard'); // 'words run together'
 * malformedText('Accepted payment methods. We accept Visa.'); // undefined
 */
export function malformedText(text: string): string | undefined {
  if (MARKUP.test(text)) return 'markup left in the text';
  const tokens = text.split(/\s+/).filter((t) => /[a-z]{2}/i.test(t));
  if (tokens.length < 4) return undefined;
  const mean =
    tokens.reduce((sum, t) => sum + t.replace(/[^a-z0-9]/gi, '').length, 0) / tokens.length;
  const joined = tokens.filter((t) => /[a-z]{2}[A-Z][a-z]|[a-z][.,;:][A-Z]/.test(t)).length;
  return mean > GLUED_MEAN_LENGTH || joined / tokens.length > JOINED_SHARE
    ? 'words run together'
    : undefined;
}
