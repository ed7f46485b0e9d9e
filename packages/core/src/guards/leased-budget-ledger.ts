import type { BudgetBucket, BudgetLedger, ReserveResult, Spend } from './budget-ledger.js';

export interface BudgetLeaseOptions {
  /** Share of a bucket's cap leased from the shared ledger at once (a bigger call leases its own size). */
  sliceFraction: number;
  /** A lease unused this long goes back to the shared ledger, so idle replicas hold nothing. */
  idleReturnMs: number;
  /** Names this replica's lease reservations (`lease:<replica>:<n>`), to tell them apart in the database. */
  replicaId: string;
}

export const DEFAULT_BUDGET_LEASE_OPTIONS: Omit<BudgetLeaseOptions, 'replicaId'> = {
  sliceFraction: 0.02,
  idleReturnMs: 10_000,
};

/** What this replica holds on one bucket: a leased slice and how much of it calls have used. */
interface BucketLease {
  bucket: BudgetBucket;
  /** The shared reservation holding the slice; null while none is held. */
  leaseId: string | null;
  granted: Spend;
  /** Spend of this replica since the lease was taken: in-flight estimates plus settled costs. */
  used: Spend;
  inFlight: number;
  lastUseMs: number;
  /** A renewal in progress, so concurrent calls wait for one instead of leasing twice. */
  renewing: Promise<ReserveResult> | null;
}

type Hold = { kind: 'local'; keys: string[]; amount: Spend } | { kind: 'shared' };

const ZERO: Spend = { usd: 0, tokens: 0 };
/** After this many renewals that concurrent calls used up first, a call reserves on its own. */
const MAX_RENEWALS = 4;

/**
 * A budget ledger that spends from slices leased from a shared ledger (the database), so
 * the database is touched once per slice instead of once per call, and replicas still can
 * never spend past a cap between them: each slice is a reservation in the shared ledger, and a
 * replica spends only inside what it holds. A slice is renewed when a call does not fit,
 * returned (settled at what was used) when renewed, idle or closed.
 *
 * The price of the slices: a replica can be refused while others hold unused slices (at
 * most `sliceFraction` of the cap each, returned once idle); a replica that dies without
 * closing leaves its slice counted as spent for the period. Both err on the side of the cap.
 *
 * @example
 * const ledger = new LeasedBudgetLedger(storage.guards.ledger, { replicaId: 'gw-1' });
 * await ledger.reserve('r1', [bucket], { usd: 0.01, tokens: 1200 }); // no database round trip
 * await ledger.close(); // returns what was not spent
 */
export class LeasedBudgetLedger implements BudgetLedger {
  private readonly options: BudgetLeaseOptions;
  private readonly leases = new Map<string, BucketLease>();
  private readonly holds = new Map<string, Hold>();
  private readonly timer: NodeJS.Timeout;
  private leaseCount = 0;
  /** Shared-ledger calls made, for tests and metrics. */
  sharedCalls = 0;

  constructor(
    private readonly shared: BudgetLedger,
    options: Partial<BudgetLeaseOptions> = {},
  ) {
    this.options = {
      ...DEFAULT_BUDGET_LEASE_OPTIONS,
      replicaId: globalThis.crypto.randomUUID().slice(0, 8),
      ...options,
    };
    if (!(this.options.sliceFraction > 0 && this.options.sliceFraction <= 1))
      throw new Error(
        `budget lease sliceFraction must be in (0, 1], got ${this.options.sliceFraction}`,
      );
    // A failed return leaves the slice reserved in the shared ledger: counted against the cap,
    // so the error errs on the cap's side and is not worth crashing the process for.
    this.timer = setInterval(
      () => void this.returnIdle(Date.now()).catch(() => undefined),
      Math.max(1000, this.options.idleReturnMs / 2),
    );
    this.timer.unref();
  }

  async reserve(
    reservationId: string,
    buckets: readonly BudgetBucket[],
    amount: Spend,
  ): Promise<ReserveResult> {
    for (let round = 0; round <= MAX_RENEWALS; round++) {
      if (buckets.every((b) => this.fits(b, amount))) {
        const now = Date.now();
        const keys = new Array<string>(buckets.length);
        for (let i = 0; i < buckets.length; i++) {
          const lease = this.leases.get((keys[i] = buckets[i]!.key))!;
          add(lease.used, amount, 1);
          lease.inFlight += 1;
          lease.lastUseMs = now;
        }
        this.holds.set(reservationId, { kind: 'local', keys, amount });
        return { ok: true };
      }
      const short = buckets.filter((b) => !this.fits(b, amount));
      if (round === MAX_RENEWALS) break;
      for (const bucket of short) {
        const renewed = await this.renew(bucket, amount);
        if (!renewed.ok) return renewed;
      }
    }
    // Concurrent calls kept using up the fresh slices: this one reserves on its own.
    this.sharedCalls += 1;
    const result = await this.shared.reserve(reservationId, buckets, amount);
    if (result.ok) this.holds.set(reservationId, { kind: 'shared' });
    return result;
  }

  async settle(reservationId: string, actual: Spend): Promise<void> {
    const hold = this.holds.get(reservationId);
    if (!hold) return;
    this.holds.delete(reservationId);
    if (hold.kind === 'shared') {
      this.sharedCalls += 1;
      return this.shared.settle(reservationId, actual);
    }
    for (const key of hold.keys) {
      const lease = this.leases.get(key)!;
      // The difference lands on the current slice whichever slice the call started on:
      // the replica's spend stays exact, and a retired slice was settled with the estimate.
      add(lease.used, hold.amount, -1);
      add(lease.used, actual, 1);
      lease.inFlight -= 1;
    }
  }

  /** Spent plus reserved in the shared ledger; leased slices count as reserved there. */
  spent(bucketKey: string): Promise<Spend> {
    return this.shared.spent(bucketKey);
  }

  /** Returns every slice (settled at what was used, in-flight calls at their estimate). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.leases.values()].map((lease) => lease.renewing));
    await Promise.all([...this.leases.values()].map((lease) => this.release(lease)));
  }

  /** Returns slices unused for `idleReturnMs` with no call in flight, and forgets them. */
  async returnIdle(now: number): Promise<void> {
    for (const [key, lease] of this.leases) {
      if (lease.inFlight > 0 || lease.renewing || now - lease.lastUseMs < this.options.idleReturnMs)
        continue;
      this.leases.delete(key);
      await this.release(lease);
    }
  }

  private fits(bucket: BudgetBucket, amount: Spend): boolean {
    const lease = this.leases.get(bucket.key);
    if (!lease || lease.leaseId === null || lease.renewing) return false;
    if (bucket.maxUsd !== null && lease.used.usd + amount.usd > lease.granted.usd + 1e-12)
      return false;
    if (bucket.maxTokens !== null && lease.used.tokens + amount.tokens > lease.granted.tokens)
      return false;
    return true;
  }

  /** Settles the current slice at what was used and leases a new one; one renewal at a time. */
  private renew(bucket: BudgetBucket, amount: Spend): Promise<ReserveResult> {
    let lease = this.leases.get(bucket.key);
    if (!lease) {
      lease = {
        bucket,
        leaseId: null,
        granted: { ...ZERO },
        used: { ...ZERO },
        inFlight: 0,
        lastUseMs: Date.now(),
        renewing: null,
      };
      this.leases.set(bucket.key, lease);
    }
    if (lease.renewing) return lease.renewing;
    const current = lease;
    current.bucket = bucket;
    current.renewing = (async () => {
      await this.release(current);
      const slice = {
        usd:
          bucket.maxUsd !== null
            ? Math.max(amount.usd, bucket.maxUsd * this.options.sliceFraction)
            : 0,
        tokens:
          bucket.maxTokens !== null
            ? Math.max(amount.tokens, Math.ceil(bucket.maxTokens * this.options.sliceFraction))
            : 0,
      };
      // The whole slice first; near the cap, only what this call needs.
      const wants =
        slice.usd > amount.usd || slice.tokens > amount.tokens ? [slice, amount] : [slice];
      let result: ReserveResult = { ok: true };
      for (const want of wants) {
        const id = this.nextId();
        this.sharedCalls += 1;
        result = await this.shared.reserve(id, [bucket], want);
        if (result.ok) {
          current.leaseId = id;
          current.granted = { ...want };
          break;
        }
      }
      return result;
    })().finally(() => {
      current.renewing = null;
    });
    return current.renewing;
  }

  /** Settles a slice at what this replica used of it; what is left goes back to the cap. */
  private async release(lease: BucketLease): Promise<void> {
    const id = lease.leaseId;
    const used = lease.used;
    lease.leaseId = null;
    lease.granted = { ...ZERO };
    lease.used = { ...ZERO };
    if (id !== null) {
      this.sharedCalls += 1;
      return this.shared.settle(id, used);
    }
    if (used.usd === 0 && used.tokens === 0) return;
    // Calls settled while no slice was held (a renewal was refused): their difference to the
    // estimate is recorded as it is, without a cap check, since it was already spent.
    const record = this.nextId();
    const uncapped = { ...lease.bucket, maxUsd: null, maxTokens: null };
    this.sharedCalls += 2;
    await this.shared.reserve(record, [uncapped], used);
    await this.shared.settle(record, used);
  }

  private nextId(): string {
    return `lease:${this.options.replicaId}:${++this.leaseCount}`;
  }
}

function add(total: Spend, amount: Spend, sign: 1 | -1): void {
  total.usd += sign * amount.usd;
  total.tokens += sign * amount.tokens;
}
