import { createContext, useContext } from 'react';

/**
 * The words a page was opened to find (a trace opened from a search): text blocks below a
 * provider mark them. Undefined outside a search.
 */
export const SearchHighlight = createContext<string | undefined>(undefined);

/** The searched words to mark, if any. */
export function useSearchHighlight(): string | undefined {
  return useContext(SearchHighlight);
}
