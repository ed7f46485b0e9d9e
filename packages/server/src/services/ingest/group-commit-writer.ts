import { IngestError } from './ingest-error.js';

export interface GroupCommitOptions {
  /** Spans waiting or being written, at most; beyond it submissions are refused. */
  maxPendingSpans?: number;
  /**
   * Request bytes held by waiting or committing submissions, at most (each submission says
   * how many it holds); beyond it submissions are refused. Spans vary from 200 bytes to
   * megabytes, so a span count alone cannot bound memory. Default 64 MiB.
   */
  maxPendingBytes?: number;
  /** Spans per commit, at most (a single submission is never split across commits). */
  maxBatchSpans?: number;
  /**
   * Event-loop turns a commit may wait for more submissions before it starts: it yields to
   * I/O (setImmediate) while each turn brought new ones, at most this many times. 0 (the
   * default) only lets submissions of the same tick join. A server whose requests are
   * parsed on the same thread as the commit needs this, or every commit holds one request.
   */
  collectTurns?: number;
}

interface Pending<T> {
  item: T;
  size: number;
  bytes: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Group commit: submissions that arrive while a commit runs are queued and written together
 * by the next `commit` call, which starts as soon as the previous one finished. Each
 * submission's promise settles only after the commit holding it finished, so a resolved
 * submit means durable. Memory is bounded by `maxPendingSpans` and `maxPendingBytes`: over
 * either, `submit` rejects at once with IngestError `queue_full` rather than buffering or
 * dropping.
 *
 * @example
 * const writer = new GroupCommitWriter((batches) => store.writeSpans(batches.flat()), (s) => s.length);
 * await writer.submit(spans); // committed
 */
export class GroupCommitWriter<T> {
  readonly maxPendingSpans: number;
  readonly maxPendingBytes: number;
  readonly maxBatchSpans: number;
  readonly collectTurns: number;
  private readonly queue: Pending<T>[] = [];
  private readonly turns: (() => Promise<void>)[] = [];
  private pending = 0;
  private pendingBytes = 0;
  private draining: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly commit: (items: T[]) => Promise<void>,
    private readonly sizeOf: (item: T) => number,
    options: GroupCommitOptions = {},
  ) {
    this.maxPendingSpans = options.maxPendingSpans ?? 100_000;
    this.maxPendingBytes = options.maxPendingBytes ?? 64 * 1024 * 1024;
    this.maxBatchSpans = options.maxBatchSpans ?? 5_000;
    this.collectTurns = options.collectTurns ?? 0;
  }

  /** Spans queued or in the commit running now. */
  get pendingSpans(): number {
    return this.pending;
  }

  /** Resolves once `item` is committed; `bytes` is the memory it holds, for the byte bound. */
  submit(item: T, bytes = 0): Promise<void> {
    if (this.closed) {
      return Promise.reject(new IngestError('closed', 'the server is shutting down'));
    }
    const size = this.sizeOf(item);
    // An oversized submission is still admitted into an empty queue, or it could never pass.
    if (this.pending > 0 && this.pending + size > this.maxPendingSpans) {
      return Promise.reject(
        new IngestError(
          'queue_full',
          `write queue is full (${this.pending} spans pending, limit ${this.maxPendingSpans})`,
        ),
      );
    }
    if (this.pending > 0 && this.pendingBytes + bytes > this.maxPendingBytes) {
      return Promise.reject(
        new IngestError(
          'queue_full',
          `write queue is full (${this.pendingBytes} bytes pending, limit ${this.maxPendingBytes})`,
        ),
      );
    }
    this.pending += size;
    this.pendingBytes += bytes;
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, size, bytes, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  /**
   * Runs `work` between two commits, none starting until it settles: how another writer of
   * the same database (the retention sweep on its own connection) takes SQLite's single
   * write lock without making a commit wait in the busy handler, which would block this
   * event loop. Submissions arriving meanwhile queue and join the next commit. A turn waits
   * for at most the commit in progress; turns and commits alternate.
   *
   * @example
   * await writer.betweenCommits(() => sweepOneBatch());
   */
  betweenCommits<R>(work: () => Promise<R>): Promise<R> {
    if (this.closed) {
      return Promise.reject(new IngestError('closed', 'the server is shutting down'));
    }
    return new Promise<R>((resolve, reject) => {
      this.turns.push(() => work().then(resolve, reject));
      this.draining ??= this.drain();
    });
  }

  /** Refuses new submissions and waits until everything queued is committed or failed. */
  async close(): Promise<void> {
    this.closed = true;
    await this.draining;
  }

  private async drain(): Promise<void> {
    // Let submissions from the same tick join the first batch.
    await Promise.resolve();
    while (this.queue.length > 0 || this.turns.length > 0) {
      const turn = this.turns.shift();
      if (turn) await turn();
      if (this.queue.length === 0) continue;
      await this.collect();
      const batch = this.takeBatch();
      try {
        await this.commit(batch.map((p) => p.item));
        for (const p of batch) p.resolve();
      } catch (cause) {
        const reason = cause instanceof Error ? cause.message : String(cause);
        const error = new IngestError('commit_failed', `write failed: ${reason}`, { cause });
        for (const p of batch) p.reject(error);
      } finally {
        for (const p of batch) {
          this.pending -= p.size;
          this.pendingBytes -= p.bytes;
        }
      }
    }
    this.draining = undefined;
  }

  /** Yields to I/O while that brings more submissions, so they share one commit. */
  private async collect(): Promise<void> {
    for (let turn = 0; turn < this.collectTurns; turn++) {
      const before = this.queue.length;
      if (this.queuedSpans() >= this.maxBatchSpans) return;
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.queue.length === before) return;
    }
  }

  private queuedSpans(): number {
    let spans = 0;
    for (const p of this.queue) spans += p.size;
    return spans;
  }

  private takeBatch(): Pending<T>[] {
    const batch: Pending<T>[] = [];
    let spans = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (batch.length > 0 && spans + next.size > this.maxBatchSpans) break;
      batch.push(next);
      spans += next.size;
      this.queue.shift();
    }
    return batch;
  }
}
