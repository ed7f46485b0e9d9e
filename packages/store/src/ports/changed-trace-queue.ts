import type { TraceRef } from '@glassbox/core/ingest';

/**
 * The traces ingest changed, queued for detection in the same transaction as the write (so
 * no ingest path, replica or crash can skip one).
 */
export interface ChangedTraceQueue {
  /**
   * Takes traces written at or before `quietBeforeMs` (arrival time) and not since, oldest
   * first; a trace written again after being taken comes back. Given `queuedBeforeMs`, also
   * takes traces still being written that were first queued at or before it (the maximum
   * deferral of a trace that never goes quiet).
   */
  claimChangedTraces(options: ClaimOptions): Promise<TraceRef[]>;
}

/** Which changed traces a claim takes (see ChangedTraceQueue.claimChangedTraces). */
export interface ClaimOptions {
  limit: number;
  quietBeforeMs: number;
  queuedBeforeMs?: number;
}
