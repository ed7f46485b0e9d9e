/** Separates values inside a delimited facet column; never part of a stored value. */
export const FACET_SEPARATOR = '\u001f';

/** Values joined so that `${FACET_SEPARATOR}${value}${FACET_SEPARATOR}` finds exactly one. */
export function encodeFacetList(values: readonly string[]): string {
  return values.length === 0
    ? ''
    : `${FACET_SEPARATOR}${values.join(FACET_SEPARATOR)}${FACET_SEPARATOR}`;
}

/** The needle that finds `value` inside an encoded facet list. */
export function facetNeedle(value: string): string {
  return `${FACET_SEPARATOR}${value}${FACET_SEPARATOR}`;
}

/** The values of an encoded facet list, in stored order. */
export function decodeFacetList(encoded: string): string[] {
  return encoded === '' ? [] : encoded.slice(1, -1).split(FACET_SEPARATOR);
}
