import type { DetectionStore } from './detection-store.js';
import type { ArtifactStore } from './ports/artifact-store.js';
import type { EvalStores } from './ports/eval-stores.js';
import type { AuditLog } from './ports/audit-log.js';
import type { DataMaintenance } from './ports/data-maintenance.js';
import type { GuardStores } from './ports/guard-stores.js';
import type { IncidentWorkspaceStore } from './ports/incident-workspace-store.js';
import type { ProjectStore } from './ports/project-store.js';
import type { ReplayRunStore } from './ports/replay-run-store.js';
import type { TraceStore } from './traces/trace-store.js';

/** Everything the server persists, behind ports, over one database connection. */
export interface Storage {
  /** `sqlite`, `postgres` or `memory`, for logs and health output. */
  readonly backend: string;
  /** Trace queries, and the ingest write (core's workflow in one TraceWrites unit of work). */
  readonly traces: TraceStore;
  readonly projects: ProjectStore;
  /** Observations, monitors, alerts, incidents, the changed-trace queue and the lease. */
  readonly detection: DetectionStore;
  /** Budgets and idempotency keys of the runtime guards, shared by gateway replicas. */
  readonly guards: GuardStores;
  /** Replay and bisection runs, linked to the spans they replayed; never ingested as spans. */
  readonly replays: ReplayRunStore;
  /** The artifact registry: versions, labels and their audit trail, session pins and snapshots. */
  readonly artifacts: ArtifactStore;
  /** Datasets, experiment runs, online-eval rules and scores, and the human review queue. */
  readonly evals: EvalStores;
  /** What people did in each incident: status, severity, owner, notes, runbook, postmortems. */
  readonly incidents: IncidentWorkspaceStore;
  /** Who changed keys, settings, monitors and data, and when. */
  readonly audit: AuditLog;
  /** Deletion on request, retention sweeps, usage figures and the health probe. */
  readonly maintenance: DataMaintenance;
  /**
   * How to open another connection to the same data, from a worker thread or another
   * process; absent for memory storage, which only this thread can reach.
   */
  readonly location?: StorageOptions;
  close(): Promise<void>;
}

/** Where to store: a PostgreSQL URL wins; otherwise SQLite in `dataDir`. */
export interface StorageOptions {
  dataDir?: string;
  databaseUrl?: string;
  /** PostgreSQL only: the schema (search_path) to keep every table in; created if missing. */
  schema?: string;
}
