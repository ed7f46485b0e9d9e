import { useSyncExternalStore } from 'react';

const NAVIGATE_EVENT = 'glassbox:navigate';

export interface AppLocation {
  pathname: string;
  search: string;
}

let cached: AppLocation | undefined;

function snapshot(): AppLocation {
  const { pathname, search } = window.location;
  if (!cached || cached.pathname !== pathname || cached.search !== search)
    cached = { pathname, search };
  return cached;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

/** The current path and query string, re-rendering on navigation and back/forward. */
export function useLocation(): AppLocation {
  return useSyncExternalStore(subscribe, snapshot);
}

/**
 * Goes to `to` (a path with optional query) through the History API; `replace` rewrites the
 * current entry, for state that should not pile up in the back button (e.g. span selection).
 *
 * @example
 * navigate('/traces?status=error');
 */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const current = window.location.pathname + window.location.search;
  if (to === current) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}
