import type { LeaseStore } from '../ports/lease-store.js';

/**
 * Leases in memory; a supported test double (one process holds them all).
 *
 * @example
 * await new MemoryLeaseStore().acquireLease('detection', 'replica-1', 15_000, Date.now());
 */
export class MemoryLeaseStore implements LeaseStore {
  private readonly leases = new Map<string, { holder: string; expiresAtMs: number }>();

  async acquireLease(name: string, holder: string, ttlMs: number, nowMs: number): Promise<boolean> {
    const lease = this.leases.get(name);
    if (lease && lease.holder !== holder && lease.expiresAtMs >= nowMs) return false;
    this.leases.set(name, { holder, expiresAtMs: nowMs + ttlMs });
    return true;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    if (this.leases.get(name)?.holder === holder) this.leases.delete(name);
  }
}
