import { randomUUID } from 'node:crypto';
import type { Storage, SweepResult } from '@glassbox/store';
import { checkRetentionOptions, type RetentionOptions } from './retention-options.js';

const LEASE = 'retention-sweep';

/** Runs database work when it may take the write lock; resolves with what the work returns. */
export type WriteTurn = <R>(work: () => Promise<R>) => Promise<R>;

/**
 * Deletes expired traces and clears expired content, one bounded batch per tick, on one
 * replica at a time (a lease in the database elects it). A batch that stops at its limit
 * is followed by the next after a pause in proportion to its length (`busyShare`), so a
 * backlog drains steadily without holding the database, and no tick grows unbounded.
 *
 * @example
 * const sweeper = new RetentionSweeper(storage, { intervalMs: 60_000 });
 * sweeper.start(); // ... await sweeper.stop();
 */
export class RetentionSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly holder = randomUUID();
  private readonly intervalMs: number;
  private readonly batchLimit: number;
  private readonly busyShare: number;

  constructor(
    private readonly storage: Storage,
    options: RetentionOptions & {
      onError?: (error: unknown) => void;
      onSweep?: (result: SweepResult) => void;
      now?: () => number;
      /**
       * Runs one batch's database work when the ingest writer lets it (see
       * `GroupCommitWriter.betweenCommits`); at once unless told.
       */
      writeTurn?: WriteTurn;
    } = {},
  ) {
    ({
      intervalMs: this.intervalMs,
      batchLimit: this.batchLimit,
      busyShare: this.busyShare,
    } = checkRetentionOptions(options));
    this.onError = options.onError ?? (() => {});
    this.onSweep = options.onSweep ?? (() => {});
    this.now = options.now ?? Date.now;
    this.writeTurn = options.writeTurn ?? ((work) => work());
  }

  private readonly onError: (error: unknown) => void;
  private readonly onSweep: (result: SweepResult) => void;
  private readonly now: () => number;
  private readonly writeTurn: WriteTurn;
  /** When the last batch was granted its write turn: the pause counts from there. */
  private turnStartedMs = 0;

  /** One bounded sweep, if this replica holds the lease; undefined when another one does. */
  async sweepOnce(): Promise<SweepResult | undefined> {
    const result = await this.writeTurn(async () => {
      const nowMs = this.now();
      this.turnStartedMs = nowMs;
      const leaseMs = this.intervalMs * 3;
      if (!(await this.storage.detection.acquireLease(LEASE, this.holder, leaseMs, nowMs))) {
        return undefined;
      }
      return this.storage.maintenance.sweepExpired(nowMs, this.batchLimit);
    });
    if (result) this.onSweep(result);
    return result;
  }

  start(): void {
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweepOnce().then(
        // Waiting for the turn held nothing: only the batch's own time is paid back.
        (result) =>
          this.schedule(
            result?.more ? this.pauseAfter(this.now() - this.turnStartedMs) : this.intervalMs,
          ),
        (error: unknown) => {
          this.onError(error);
          this.schedule(this.intervalMs);
        },
      );
    }, delayMs);
  }

  /** How long to wait after a batch of `elapsedMs` that left more to do. */
  pauseAfter(elapsedMs: number): number {
    return Math.max(0, elapsedMs) * (1 / this.busyShare - 1);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.storage.detection.releaseLease(LEASE, this.holder).catch(() => {});
  }
}
