/** What a stored replay run is: one replay or bisection request, with its whole result. */
export const REPLAY_RUN_KINDS = ['replay', 'bisect'] as const;
export type ReplayRunKind = (typeof REPLAY_RUN_KINDS)[number];

/**
 * A replay or bisection linked to the trace and span it replayed. Its trials live in `result`;
 * they are never written as spans, so they stay out of metrics and detection.
 */
export interface ReplayRun {
  id: string;
  projectId: string;
  traceId: string;
  spanId: string;
  kind: ReplayRunKind;
  createdAtMs: number;
  /** One line for lists: the verdict or the failure rate. */
  summary: string;
  /** The whole result as the API answered it (JSON-serializable). */
  result: unknown;
}

/** Replay runs by project and trace. */
export interface ReplayRunStore {
  saveRun(run: ReplayRun): Promise<void>;
  /** The runs of a trace, newest first. */
  listRuns(projectId: string, traceId: string, limit?: number): Promise<ReplayRun[]>;
  getRun(projectId: string, id: string): Promise<ReplayRun | undefined>;
  /**
   * The runs of a project created in [fromMs, toMs), oldest first (an incident's timeline
   * reads its window this way).
   */
  listRunsBetween(
    projectId: string,
    fromMs: number,
    toMs: number,
    limit?: number,
  ): Promise<ReplayRun[]>;
}
