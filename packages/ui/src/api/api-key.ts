const KEY = 'glassbox.apiKey';

/**
 * The API key this tab sends as `Authorization: Bearer <key>`, if one was entered. It lives in
 * session storage: pasted once, gone when the tab closes or on sign-out.
 */
export function storedApiKey(): string | undefined {
  try {
    return sessionStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Remembers (or, with undefined, forgets) the API key for this tab. */
export function storeApiKey(key: string | undefined): void {
  try {
    // Earlier versions kept the key in local storage, beyond the session: drop that copy.
    localStorage.removeItem(KEY);
    if (key) sessionStorage.setItem(KEY, key);
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage disabled: the key cannot be kept; requests stay unauthenticated.
  }
}
