import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 8192;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

/**
 * Random hex ids (trace, span, reservation) drawn from a pooled buffer: one
 * `randomFillSync` per 8 KiB instead of one per id, which the per-request path can afford.
 *
 * @example randomHex(16) // 32 hex characters, a trace id
 */
export function randomHex(bytes: number): string {
  if (offset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return hex;
}
