/**
 * What an API key may do: `ingest` sends telemetry (the OTLP endpoints only), `read` queries
 * the API and the UI, `admin` changes settings, monitors, keys and artifacts and deletes data.
 */
export const API_KEY_SCOPES = ['ingest', 'read', 'admin'] as const;

export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** What `keys create` grants unless told otherwise; a project's first key also gets admin. */
export const DEFAULT_KEY_SCOPES: readonly ApiKeyScope[] = ['ingest', 'read'];

/**
 * Checks a list of scope names, naming the first unknown one; the list comes back deduplicated
 * in table order.
 *
 * @example
 * parseScopes(['read', 'admin']); // ['read', 'admin']
 * parseScopes(['write']); // throws: unknown scope "write" (known: ingest, read, admin)
 */
export function parseScopes(names: readonly string[]): ApiKeyScope[] {
  for (const name of names) {
    if (!(API_KEY_SCOPES as readonly string[]).includes(name)) {
      throw new RangeError(`unknown scope "${name}" (known: ${API_KEY_SCOPES.join(', ')})`);
    }
  }
  if (names.length === 0) throw new RangeError('a key needs at least one scope');
  return API_KEY_SCOPES.filter((scope) => names.includes(scope));
}
