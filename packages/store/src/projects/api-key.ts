import { createHash, randomBytes } from 'node:crypto';

/** Every Glassbox API key starts with this, so leaked keys are easy to recognize. */
export const API_KEY_PREFIX = 'gbx_';

/** How many leading characters of a key are kept in the clear to tell keys apart. */
export const API_KEY_VISIBLE_CHARS = 12;

/**
 * A new random API key (32 bytes, base64url) with its hash and visible prefix.
 *
 * @example
 * const { key, hash } = generateApiKey(); // key 'gbx_…', hash = sha256 hex of key
 */
export function generateApiKey(): { key: string; hash: string; prefix: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key), prefix: key.slice(0, API_KEY_VISIBLE_CHARS) };
}

/** The SHA-256 hex digest under which a key is stored. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
