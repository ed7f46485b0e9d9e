import { sha256Hex } from './content-policy.js';

/**
 * SHA-256 (hex) of the rendered prompt: the text itself, or the JSON of the messages exactly
 * as they were sent. Taken before redaction so identical prompts match across calls.
 *
 * @example
 * promptHash([{ role: 'user', content: 'hi' }]) === promptHash([{ role: 'user', content: 'hi' }])
 */
export function promptHash(prompt: unknown): string {
  return sha256Hex(typeof prompt === 'string' ? prompt : (JSON.stringify(prompt) ?? ''));
}
