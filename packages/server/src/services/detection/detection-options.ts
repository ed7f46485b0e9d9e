import type { NotificationTarget } from '@glassbox/core/detect';

/** How the detection background job runs; every field has a default. */
export interface DetectionOptions {
  /** Run the job at all (default true). */
  enabled?: boolean;
  /**
   * Run it on a worker thread with its own database connection (default true; memory
   * storage and injected functions keep it in-process).
   */
  thread?: boolean;
  /**
   * Classify the large traces ingest extends without classifying (see LARGE_TRACE_SPANS)
   * once they are quiet, with each project's thresholds (default true; false when the
   * server does not classify failures).
   */
  classifyFailures?: boolean;
  /** Milliseconds between ticks (default 5,000). */
  intervalMs?: number;
  /** A monitors YAML file loaded at start (see parseMonitorsYaml). */
  monitorsFile?: string;
  /** Late data within this much event time of a monitor's position is re-judged (10 min). */
  graceMs?: number;
  /** A trace is read once no span has arrived for it for this long (default 2,000 ms). */
  settleMs?: number;
  /**
   * A trace that never goes quiet (a long run written continuously) is still read, and
   * classified when large, at most this long after the change that queued it (default
   * 10,000 ms): ticks claim it once it has waited this less one interval.
   */
  maxDeferralMs?: number;
  /** Leadership lease lifetime (default max(15 s, 3 × interval)). */
  leaseTtlMs?: number;
  /** This replica's lease holder id (default a random UUID). */
  holderId?: string;
  /** Notification targets for every alert, besides each monitor's own. */
  notify?: NotificationTarget[];
  /** Traces read per tick at most (default 5,000). */
  batchSize?: number;
  /** Where background failures go (default: the server log). */
  onError?: (error: unknown) => void;
  /** Injectable for tests: webhook fetch and sleep. */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export const DETECTION_DEFAULTS = {
  intervalMs: 5_000,
  graceMs: 10 * 60_000,
  settleMs: 2_000,
  maxDeferralMs: 10_000,
  minLeaseTtlMs: 15_000,
  batchSize: 5_000,
} as const;

/** The name of the database lease that elects the replica running detection. */
export const DETECTION_LEASE = 'detection';
