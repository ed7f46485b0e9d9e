import type { TraceRef } from '@glassbox/core/ingest';

/**
 * The traces ingest changed, queued for detection in the same transaction as the write (so
 * no ingest path, replica or crash can skip one).
 */
export interface ChangedTraceQueue {
  /**
   * Takes traces written at or before `quietBeforeMs` (arrival time) and not since, oldest
   * first; a trace written again after being taken comes back.
   */
  claimChangedTraces(options: { limit: number; quietBeforeMs: number }): Promise<TraceRef[]>;
}
