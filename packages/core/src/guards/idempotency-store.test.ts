import { describe, expect, it } from 'vitest';
import { MemoryIdempotencyStore } from './idempotency-store.js';

describe('MemoryIdempotencyStore', () => {
  it('follows the IETF draft: in flight, payload mismatch, completed replay, expiry', async () => {
    const store = new MemoryIdempotencyStore();
    expect(await store.begin('k', 'f1', 0, 1000)).toEqual({ state: 'started' });
    expect(await store.begin('k', 'f1', 1, 1000)).toEqual({ state: 'in_flight' });
    expect(await store.begin('k', 'f2', 1, 1000)).toEqual({ state: 'payload_mismatch' });
    await store.complete('k', '{"ok":true}');
    expect(await store.begin('k', 'f1', 2, 1000)).toEqual({
      state: 'completed',
      result: '{"ok":true}',
    });
    expect(await store.begin('k', 'f1', 1001, 1000)).toEqual({ state: 'started' });
  });

  it('forgets an abandoned key so the retry executes, and stays bounded', async () => {
    const store = new MemoryIdempotencyStore(2);
    await store.begin('a', 'f', 0, 1000);
    await store.abandon('a');
    expect(await store.begin('a', 'f', 1, 1000)).toEqual({ state: 'started' });
    await store.begin('b', 'f', 1, 1000);
    await store.begin('c', 'f', 1, 1000);
    expect(await store.begin('a', 'f', 2, 1000)).toEqual({ state: 'started' });
  });
});
