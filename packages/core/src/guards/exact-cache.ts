import type { CacheTenant } from './request-key.js';
import { tenantPartition } from './request-key.js';

export interface ExactCacheOptions {
  maxEntries: number;
  ttlMs: number;
}

/**
 * An LRU cache of answers keyed by tenant and canonical request, with a time to live. Each
 * tenant has its own partition: a lookup can only reach entries stored under the same
 * tenant.
 *
 * @example
 * const cache = new ExactCache<string>({ maxEntries: 1000, ttlMs: 3_600_000 });
 * cache.set(tenant, canonicalRequest(body), answer, Date.now());
 */
export class ExactCache<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(private readonly options: ExactCacheOptions) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1)
      throw new RangeError(`maxEntries must be a positive integer, got ${options.maxEntries}`);
    if (!(options.ttlMs > 0)) throw new RangeError(`ttlMs must be positive, got ${options.ttlMs}`);
  }

  get size(): number {
    return this.entries.size;
  }

  get(tenant: CacheTenant, request: string, now: number): T | undefined {
    const key = `${tenantPartition(tenant)}\u0000${request}`;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= now) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(tenant: CacheTenant, request: string, value: T, now: number): void {
    const key = `${tenantPartition(tenant)}\u0000${request}`;
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: now + this.options.ttlMs });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
