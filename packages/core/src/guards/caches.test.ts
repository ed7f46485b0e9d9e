import { describe, expect, it } from 'vitest';
import { ExactCache } from './exact-cache.js';
import { canonicalRequest, tenantPartition } from './request-key.js';
import { SemanticCache } from './semantic-cache.js';

const acme = { project: 'acme', key: 'k1', promptVersion: 'v1' };
const globex = { project: 'globex', key: 'k1', promptVersion: 'v1' };

describe('caches', () => {
  it('canonical requests ignore key order and streaming', () => {
    const messages = [{ role: 'user', content: 'hi' }];
    expect(canonicalRequest({ stream: true, model: 'm', messages })).toBe(
      canonicalRequest({ messages, model: 'm' }),
    );
    expect(canonicalRequest({ model: 'm', messages, temperature: 1 })).not.toBe(
      canonicalRequest({ model: 'm', messages }),
    );
  });

  it('tenant partitions cannot collide through separators', () => {
    expect(tenantPartition({ project: 'a|b', key: 'c', promptVersion: null })).not.toBe(
      tenantPartition({ project: 'a', key: 'b|c', promptVersion: null }),
    );
  });

  it('exact cache: hit inside the tenant, miss across tenants, expiry and LRU bound', () => {
    const cache = new ExactCache<string>({ maxEntries: 2, ttlMs: 100 });
    cache.set(acme, 'q', 'answer', 0);
    expect(cache.get(acme, 'q', 50)).toBe('answer');
    expect(cache.get(globex, 'q', 50)).toBeUndefined();
    expect(cache.get({ ...acme, promptVersion: 'v2' }, 'q', 50)).toBeUndefined();
    expect(cache.get(acme, 'q', 100)).toBeUndefined();
    cache.set(acme, 'a', '1', 0);
    cache.set(acme, 'b', '2', 0);
    cache.set(acme, 'c', '3', 0);
    expect(cache.size).toBe(2);
    expect(cache.get(acme, 'a', 1)).toBeUndefined();
  });

  it('semantic cache: a near-identical vector hits inside the tenant; a cross-tenant hit is impossible', () => {
    const cache = new SemanticCache<string>({ threshold: 0.95, maxEntriesPerTenant: 10 });
    cache.store(acme, [1, 0, 0.01], 'acme answer');
    expect(cache.lookup(acme, [1, 0, 0])?.value).toBe('acme answer');
    expect(cache.lookup(acme, [0, 1, 0])).toBeUndefined();
    // The very same vector from another project, key or prompt version never sees acme's entry.
    expect(cache.lookup(globex, [1, 0, 0.01])).toBeUndefined();
    expect(cache.lookup({ ...acme, key: 'k2' }, [1, 0, 0.01])).toBeUndefined();
    expect(cache.lookup({ ...acme, promptVersion: null }, [1, 0, 0.01])).toBeUndefined();
  });
});
