import { traceKey, type TraceRef } from '@glassbox/core/ingest';
import type { ChangedTraceQueue, ClaimOptions } from '../ports/changed-trace-queue.js';

/**
 * The changed-trace queue in memory. Where SQL databases queue changed traces with triggers,
 * the in-memory TraceWrites notes every trace a committed write touched.
 *
 * @example
 * changes.note([{ projectId, traceId }], Date.now());
 */
export class MemoryChangedTraces implements ChangedTraceQueue {
  private readonly changed = new Map<string, { ref: TraceRef; atMs: number; firstMs: number }>();

  /** Queues (again) the traces a write committed. */
  note(traces: readonly TraceRef[], atMs: number): void {
    for (const { projectId, traceId } of traces) {
      const key = traceKey({ projectId, traceId });
      const firstMs = this.changed.get(key)?.firstMs ?? atMs;
      this.changed.set(key, { ref: { projectId, traceId }, atMs, firstMs });
    }
  }

  async claimChangedTraces(options: ClaimOptions): Promise<TraceRef[]> {
    const { quietBeforeMs, queuedBeforeMs = -Infinity } = options;
    const ready = [...this.changed.entries()]
      .filter(([, c]) => c.atMs <= quietBeforeMs || c.firstMs <= queuedBeforeMs)
      .sort((a, b) => a[1].atMs - b[1].atMs)
      .slice(0, options.limit);
    for (const [key] of ready) this.changed.delete(key);
    return ready.map(([, c]) => c.ref);
  }

  /** Drops queued traces of a project (deleted data must not be detected). */
  forget(projectId: string, traceIds: ReadonlySet<string>): void {
    for (const [key, c] of this.changed) {
      if (c.ref.projectId === projectId && traceIds.has(c.ref.traceId)) this.changed.delete(key);
    }
  }

  /** How many traces wait, and when the oldest changed. */
  backlog(): { count: number; oldestMs: number | null } {
    const times = [...this.changed.values()].map((c) => c.atMs);
    return { count: times.length, oldestMs: times.length === 0 ? null : Math.min(...times) };
  }
}
