import { canonicalStringify } from '../classify/canonical-json.js';

/** Transport-only fields: a streamed and a plain request ask the same question. */
const TRANSPORT_FIELDS = new Set(['stream', 'stream_options']);

/**
 * The canonical form of an OpenAI-compatible request body: keys sorted, whitespace gone,
 * transport-only fields dropped. Equal requests in any key order get the same key; it is
 * what exact caches and idempotency fingerprints compare.
 *
 * @example canonicalRequest({ stream: true, model: 'gpt-4o', messages }) === canonicalRequest({ messages, model: 'gpt-4o' })
 */
export function canonicalRequest(body: unknown): string {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return canonicalStringify(body);
  const kept = Object.fromEntries(Object.entries(body).filter(([k]) => !TRANSPORT_FIELDS.has(k)));
  return canonicalStringify(kept);
}

/** Who a cached answer belongs to; a cache entry is only ever visible inside its tenant. */
export interface CacheTenant {
  project: string;
  /** The caller's key id (never the secret itself). */
  key: string;
  promptVersion: string | null;
}

/**
 * The partition name of a tenant. Each field is JSON-quoted, so no choice of values can
 * make two tenants collide (`a|b` + `c` vs `a` + `b|c`).
 *
 * @example tenantPartition({ project: 'acme', key: 'k1', promptVersion: null }) // '["acme","k1",null]'
 */
export function tenantPartition(tenant: CacheTenant): string {
  return JSON.stringify([tenant.project, tenant.key, tenant.promptVersion]);
}
