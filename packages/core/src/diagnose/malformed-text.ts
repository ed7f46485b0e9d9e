/** Share of long run-together tokens above which a text's whitespace was lost. */
const GLUED_SHARE = 0.2;
/** A token this long without a space, or with a lower-to-upper join inside, is glued words. */
const GLUED_LENGTH = 16;
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
  const glued = tokens.filter(
    (t) => t.length >= GLUED_LENGTH || /[a-z]{2}[A-Z][a-z]/.test(t) || /[a-z][.,;:][A-Z]/.test(t),
  );
  return glued.length / tokens.length > GLUED_SHARE ? 'words run together' : undefined;
}
