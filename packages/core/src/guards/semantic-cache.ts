import type { CacheTenant } from './request-key.js';
import { tenantPartition } from './request-key.js';

export interface SemanticCacheOptions {
  /** Cosine similarity at or above which a stored question answers a new one. */
  threshold: number;
  /** Entries kept per tenant (oldest dropped first). */
  maxEntriesPerTenant: number;
}

export interface SemanticHit<T> {
  value: T;
  similarity: number;
}

/**
 * A semantic cache over embedding vectors the caller computes (provider embeddings). The
 * store is a map from tenant partition to that tenant's entries, and `lookup` only scans the
 * caller's partition: a hit across projects, keys or prompt versions cannot happen by
 * construction.
 *
 * @example
 * const cache = new SemanticCache<string>({ threshold: 0.95, maxEntriesPerTenant: 500 });
 * cache.store(tenant, vector, answer);
 * cache.lookup(tenant, otherVector)?.value;
 */
export class SemanticCache<T> {
  private readonly partitions = new Map<
    string,
    { vector: Float32Array; norm: number; value: T }[]
  >();

  constructor(private readonly options: SemanticCacheOptions) {
    if (!(options.threshold > 0 && options.threshold <= 1))
      throw new RangeError(`threshold must be in (0, 1], got ${options.threshold}`);
  }

  store(tenant: CacheTenant, vector: readonly number[], value: T): void {
    const key = tenantPartition(tenant);
    const entries = this.partitions.get(key) ?? [];
    const v = Float32Array.from(vector);
    entries.push({ vector: v, norm: norm(v), value });
    if (entries.length > this.options.maxEntriesPerTenant) entries.shift();
    this.partitions.set(key, entries);
  }

  lookup(tenant: CacheTenant, vector: readonly number[]): SemanticHit<T> | undefined {
    const entries = this.partitions.get(tenantPartition(tenant));
    if (!entries) return undefined;
    const v = Float32Array.from(vector);
    const n = norm(v);
    let best: SemanticHit<T> | undefined;
    for (const entry of entries) {
      if (entry.vector.length !== v.length || n === 0 || entry.norm === 0) continue;
      let dot = 0;
      for (let i = 0; i < v.length; i++) dot += v[i]! * entry.vector[i]!;
      const similarity = dot / (n * entry.norm);
      if (similarity >= this.options.threshold && (!best || similarity > best.similarity))
        best = { value: entry.value, similarity };
    }
    return best;
  }
}

function norm(v: Float32Array): number {
  let s = 0;
  for (const x of v) s += x * x;
  return Math.sqrt(s);
}
