const KEY = 'glassbox.apiKey';

/** The API key this browser sends as `Authorization: Bearer <key>`, if one was entered. */
export function storedApiKey(): string | undefined {
  try {
    return localStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Remembers (or, with undefined, forgets) the API key for this browser. */
export function storeApiKey(key: string | undefined): void {
  try {
    if (key) localStorage.setItem(KEY, key);
    else localStorage.removeItem(KEY);
  } catch {
    // Storage disabled: the key cannot be kept; requests stay unauthenticated.
  }
}
