/** How the retention sweep runs. */
export interface RetentionOptions {
  /** false turns the sweep off. */
  enabled?: boolean;
  /** Pause between sweeps; 60 s unless told. */
  intervalMs?: number;
  /** Most traces one sweep deletes, and most it clears content of; 2000 unless told. */
  batchLimit?: number;
}

export const DEFAULT_RETENTION_INTERVAL_MS = 60_000;
export const DEFAULT_RETENTION_BATCH = 2_000;
