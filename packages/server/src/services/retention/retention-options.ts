/** How the retention sweep runs. */
export interface RetentionOptions {
  /** false turns the sweep off. */
  enabled?: boolean;
  /** Pause between sweeps; 60 s unless told. */
  intervalMs?: number;
  /**
   * Most traces one sweep deletes, and most it clears content of; 25 unless told: measured on
   * SQLite under ingest, 250 raised ingest p99 5x, 25 by 1.2x (bench/RESULTS.md).
   */
  batchLimit?: number;
  /**
   * The share of time a backlog's sweep may hold the database, in (0, 1]; 0.2 unless told.
   * After a batch that took d ms the next waits d * (1 / share - 1) ms: on SQLite a batch
   * holds the single writer, so short batches with pauses leave ingest room to commit.
   */
  busyShare?: number;
}

export const DEFAULT_RETENTION_INTERVAL_MS = 60_000;
export const DEFAULT_RETENTION_BATCH = 25;
export const DEFAULT_RETENTION_BUSY_SHARE = 0.2;

/** The options, checked: a bad value is a RangeError naming it. */
export function checkRetentionOptions(options: RetentionOptions): Required<RetentionOptions> {
  const {
    enabled = true,
    intervalMs = DEFAULT_RETENTION_INTERVAL_MS,
    batchLimit = DEFAULT_RETENTION_BATCH,
    busyShare = DEFAULT_RETENTION_BUSY_SHARE,
  } = options;
  if (!(Number.isFinite(intervalMs) && intervalMs > 0))
    throw new RangeError(`retention intervalMs must be a positive number, got ${intervalMs}`);
  if (!(Number.isInteger(batchLimit) && batchLimit > 0))
    throw new RangeError(`retention batchLimit must be a positive integer, got ${batchLimit}`);
  if (!(Number.isFinite(busyShare) && busyShare > 0 && busyShare <= 1))
    throw new RangeError(`retention busyShare must be in (0, 1], got ${busyShare}`);
  return { enabled, intervalMs, batchLimit, busyShare };
}
