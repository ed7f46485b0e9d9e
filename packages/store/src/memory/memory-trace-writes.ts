import type { TraceRef } from '@glassbox/core/ingest';
import type { TraceWrites, TraceWriteUnit } from '../ports/trace-writes.js';
import type { MemoryChangedTraces } from './memory-changed-traces.js';
import type { MemoryTraceTables } from './memory-trace-tables.js';
import { MemoryTraceWriteUnit } from './memory-trace-write-unit.js';
import { SerialQueue } from './serial-queue.js';

/**
 * TraceWrites in memory, with the semantics of the database adapters: transactions run one
 * at a time, a failed one leaves nothing behind, and a committed one queues its traces for
 * detection. A supported test double.
 *
 * @example
 * const writes = new MemoryTraceWrites(new MemoryTraceTables(), new MemoryChangedTraces());
 */
export class MemoryTraceWrites implements TraceWrites {
  private readonly queue = new SerialQueue();

  constructor(
    private readonly tables: MemoryTraceTables,
    private readonly changes: MemoryChangedTraces,
  ) {}

  transaction<T>(
    _traces: readonly TraceRef[],
    work: (unit: TraceWriteUnit) => Promise<T>,
  ): Promise<T> {
    // One transaction at a time: a lock on every trace at once.
    return this.queue.run(async () => {
      const unit = new MemoryTraceWriteUnit(this.tables);
      try {
        const result = await work(unit);
        this.changes.note(unit.writtenTraces(), Date.now());
        return result;
      } catch (error) {
        unit.rollback();
        throw error;
      }
    });
  }

  sweepPendingEvents(cutoffMs: number, limit: number): Promise<number> {
    return this.queue.run(async () => {
      let dropped = 0;
      // The map is in receivedAtMs order (see MemoryTraceWriteUnit.write): stop at a live one.
      for (const [key, entry] of this.tables.pending) {
        if (entry.receivedAtMs >= cutoffMs || dropped >= limit) break;
        this.tables.pending.delete(key);
        dropped++;
      }
      return dropped;
    });
  }

  /** Memory storage scans for search: nothing to index. */
  async indexQueuedSearchText(): Promise<number> {
    return 0;
  }
}
