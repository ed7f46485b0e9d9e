import { API_KEY_SCOPES, DEFAULT_KEY_SCOPES, type ApiKeyScope } from '@glassbox/core/api';
import { StoreError } from '../store-error.js';

/**
 * The scopes a new key gets: the ones asked for, checked; else ingest+read, and every scope
 * for a project's first live key (someone must be able to administer it).
 */
export function scopesForNewKey(
  asked: readonly ApiKeyScope[] | undefined,
  firstKey: boolean,
): ApiKeyScope[] {
  if (asked === undefined) return firstKey ? [...API_KEY_SCOPES] : [...DEFAULT_KEY_SCOPES];
  const unknown = asked.find((s) => !(API_KEY_SCOPES as readonly string[]).includes(s));
  if (unknown !== undefined) {
    throw new StoreError(
      'invalid_argument',
      `unknown scope "${unknown}" (known: ${API_KEY_SCOPES.join(', ')})`,
    );
  }
  if (asked.length === 0)
    throw new StoreError('invalid_argument', 'a key needs at least one scope');
  return API_KEY_SCOPES.filter((s) => asked.includes(s));
}

/** Scopes as one column: `ingest,read`. */
export const scopesToColumn = (scopes: readonly ApiKeyScope[]): string => scopes.join(',');

/** The scopes column read back; unknown names (from a newer version) are dropped. */
export const scopesFromColumn = (column: string): ApiKeyScope[] =>
  API_KEY_SCOPES.filter((s) => column.split(',').includes(s));

/** Whether a key record works at `nowMs`. */
export const isLiveKey = (
  record: { revokedAtMs: number | null; expiresAtMs: number | null },
  nowMs: number,
): boolean =>
  record.revokedAtMs === null && (record.expiresAtMs === null || record.expiresAtMs > nowMs);

/** A key's id or visible prefix, checked before it reaches a query. */
export function checkKeyReference(idOrPrefix: string): string {
  const trimmed = idOrPrefix.trim();
  if (trimmed.length < 6 || trimmed.length > 200) {
    throw new StoreError(
      'invalid_argument',
      `a key is named by its id or its prefix (6 to 200 characters), got "${trimmed.slice(0, 40)}"`,
    );
  }
  return trimmed;
}
