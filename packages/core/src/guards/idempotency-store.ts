/** What `begin` found for a key (IETF idempotency-key draft). */
export type IdempotencyBegin =
  | { state: 'started' }
  | { state: 'in_flight' }
  | { state: 'payload_mismatch' }
  | { state: 'completed'; result: string };

/** About a day, as Stripe keeps keys. */
export const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The port every idempotency store implements: in memory for one process, SQL for gateway
 * replicas sharing a database. `begin` is atomic: of two concurrent firsts, one starts and
 * the other sees it in flight. `fingerprint` identifies the payload (a repeat with another
 * payload is a 422); `result` is the stored answer, serialized by the caller.
 */
export interface IdempotencyStore {
  begin(key: string, fingerprint: string, now: number, ttlMs: number): Promise<IdempotencyBegin>;
  /** Stores the result of a started key; repeats get it without executing. */
  complete(key: string, result: string): Promise<void>;
  /** Forgets a started key whose call failed, so a retry may execute. */
  abandon(key: string): Promise<void>;
}

interface Entry {
  fingerprint: string;
  expiresAt: number;
  result: string | null;
}

/**
 * The in-memory idempotency store, and the supported test double of the port.
 *
 * @example
 * const store = new MemoryIdempotencyStore();
 * const begun = await store.begin('idem-1', fingerprint, Date.now(), DEFAULT_IDEMPOTENCY_TTL_MS);
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 100_000) {}

  begin(key: string, fingerprint: string, now: number, ttlMs: number): Promise<IdempotencyBegin> {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > now) {
      if (entry.fingerprint !== fingerprint) return Promise.resolve({ state: 'payload_mismatch' });
      if (entry.result === null) return Promise.resolve({ state: 'in_flight' });
      return Promise.resolve({ state: 'completed', result: entry.result });
    }
    if (this.entries.size >= this.maxEntries) this.sweep(now);
    this.entries.set(key, { fingerprint, expiresAt: now + ttlMs, result: null });
    return Promise.resolve({ state: 'started' });
  }

  complete(key: string, result: string): Promise<void> {
    const entry = this.entries.get(key);
    if (entry) entry.result = result;
    return Promise.resolve();
  }

  abandon(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (entry && entry.result === null) this.entries.delete(key);
    return Promise.resolve();
  }

  /** Drops expired keys, then the oldest if still full: memory stays bounded. */
  private sweep(now: number): void {
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
