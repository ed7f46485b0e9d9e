import type { FailureCategory, Layer } from '../classify/failure-categories.js';
import type { Alert } from '../detect/alert.js';
import type { Incident } from '../detect/incident.js';
import type { MonitorDefinition } from '../detect/monitor.js';
import type { TraceRow } from '../model/trace.js';
import type { RetrievalSighting } from './retrieval-changes.js';
import type { TraceSampling } from './trace-reservoir.js';

/** One stored trace as the postmortem cites it. */
export interface TraceSample {
  traceId: string;
  startMs: number;
  rootName?: string;
  input?: string;
  output?: string;
  categories: string[];
  models: string[];
  versions: Record<string, string>;
  /** The trace's own diagnosis, when it was computed for the sample. */
  mostLikelyLayer?: Layer;
  diagnosisSummary?: string;
}

/** The stored traces around an incident, reduced to what the postmortem counts. */
export type { TraceRow };

/**
 * Everything the server reads for one postmortem: the incident and its alerts, the change
 * alerts around it, the project's monitors, and the stored traces of the look-back window
 * (before the onset), the incident window and, once resolved, the window after.
 */
export interface PostmortemEvidence {
  incident: Incident;
  alerts: Alert[];
  /** Change alerts (model, sampling, prompt version, new source) of the project near the onset. */
  changes: Alert[];
  monitors: MonitorDefinition[];
  /** Rows of every trace (or of a uniform sample, see `sampling`) of the window, oldest first. */
  traces: TraceRow[];
  windowFromMs: number;
  windowToMs: number;
  /**
   * Set when the window held more traces than are read: `traces` is then a uniform sample
   * of `read` out of the window's `total` (scope counts and shares are the sample's).
   */
  sampling?: TraceSampling;
  /**
   * What retrievals of traces spread over the window returned (ingestion times, index
   * versions): the source of index and document-batch changes. Absent: none read.
   */
  retrieval?: RetrievalSighting[];
  /** Detailed samples, picked by the server with `pickSamples` and diagnosed. */
  failing: TraceSample[];
  healthy: TraceSample[];
  afterFix: TraceSample[];
  /** Categories with eval dataset items; undefined when the deployment keeps no datasets. */
  evalCoverage?: FailureCategory[];
  generatedAtMs: number;
}
