/** Which traces a deletion request names: exactly one of the three. */
export type DeletionSelector = { traceId: string } | { sessionId: string } | { userId: string };

export interface DeletionResult {
  traces: number;
  spans: number;
}

/** Days a project keeps whole traces and span content (prompts, outputs); null: forever. */
export interface Retention {
  traceDays: number | null;
  contentDays: number | null;
}

/** What one sweep removed. */
export interface SweepResult {
  /** Whole traces deleted because they outlived the trace retention. */
  tracesDeleted: number;
  spansDeleted: number;
  /** Traces whose content was cleared (metrics kept). */
  tracesCleared: number;
  /** True when the limit stopped the sweep before everything expired was done. */
  more: boolean;
}

export interface ProjectUsage {
  projectId: string;
  traces: number;
  spans: number;
  /** Bytes of span content and attributes as stored (text lengths), an estimate of its share. */
  contentBytes: number;
}

/** Whether the database answers and takes a write. */
export interface StorageProbe {
  reachable: boolean;
  writable: boolean;
  error?: string;
}

/**
 * Deletion on request, retention, and the figures health and the UI report. Every deletion is
 * one transaction across spans, traces, findings, search text, observations, pending events,
 * the detection queue, replay runs, online eval scores, review items with their labels, and
 * the links from experiment outcomes to the traces (the outcomes stay, without the trace id).
 */
export interface DataMaintenance {
  deleteTraces(projectId: string, selector: DeletionSelector): Promise<DeletionResult>;
  getRetention(projectId: string): Promise<Retention>;
  setRetention(projectId: string, retention: Retention): Promise<void>;
  /**
   * Deletes traces older than their project's trace retention and clears content older than
   * its content retention, at most `limit` traces per kind, oldest first.
   */
  sweepExpired(nowMs: number, limit: number): Promise<SweepResult>;
  usage(projectId: string): Promise<ProjectUsage>;
  /** The database's size in bytes, or null where it cannot be told (memory). */
  databaseBytes(): Promise<number | null>;
  probe(nowMs: number): Promise<StorageProbe>;
  /** How many changed traces wait for detection, and when the oldest changed. */
  detectionBacklog(): Promise<{ count: number; oldestMs: number | null }>;
}
