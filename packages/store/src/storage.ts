import type { DetectionStore } from './detection/detection-store.js';
import type { GuardStores } from './guards/guard-stores.js';
import type { ProjectStore } from './project-store.js';
import type { TraceStore } from './trace-store.js';

/** Everything the server persists, behind ports, over one database connection. */
export interface Storage {
  /** `sqlite` or `postgres`, for logs and health output. */
  readonly backend: string;
  readonly traces: TraceStore;
  readonly projects: ProjectStore;
  /** Observations, monitors, alerts, incidents and the detection lease. */
  readonly detection: DetectionStore;
  /** Budgets and idempotency keys of the runtime guards, shared by gateway replicas. */
  readonly guards: GuardStores;
  close(): Promise<void>;
}

/** Where to store: a PostgreSQL URL wins; otherwise SQLite in `dataDir`. */
export interface StorageOptions {
  dataDir?: string;
  databaseUrl?: string;
  /** PostgreSQL only: the schema (search_path) to keep every table in; created if missing. */
  schema?: string;
}
