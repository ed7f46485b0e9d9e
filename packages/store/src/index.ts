// Ports (one small interface per concern, in ports/) and their adapters: memory/, sql/ (shared
// by sqlite/ and postgres/). The server receives them together as one Storage.
export type { Storage, StorageOptions } from './storage.js';
export { openStorage, DEFAULT_DATA_DIR } from './open-storage.js';
export { createMemoryStorage } from './memory/memory-storage.js';
export { dropPostgresSchema } from './postgres/postgres-storage.js';
export { StoreError, STORE_ERROR_CODES } from './store-error.js';
export type { StoreErrorCode } from './store-error.js';

export type { TraceStore } from './traces/trace-store.js';
export type { SpanWriteOptions } from './traces/span-write-options.js';
export type { TraceWrites, TraceWriteUnit } from './ports/trace-writes.js';
export type {
  TraceQueries,
  TraceQuery,
  Page,
  SessionDetail,
  SessionQuery,
  SessionSummary,
  TraceExtent,
  TraceRowQuery,
} from './ports/trace-queries.js';
export { MAX_TRACE_PAGE, MAX_TRACE_ROWS } from './traces/trace-query-check.js';
export { MAX_SUMMARY_BUCKETS } from './traces/failure-summary.js';
export type {
  FailureSummary,
  FailureSummaryQuery,
  FailureBucket,
} from './traces/failure-summary.js';

export type {
  ProjectStore,
  Project,
  ApiKeyRecord,
  AuthenticatedKey,
  NewApiKey,
} from './ports/project-store.js';
export type { AuditLog, AuditEntry, NewAuditEntry } from './ports/audit-log.js';
export type {
  DataMaintenance,
  DeletionSelector,
  DeletionResult,
  Retention,
  SweepResult,
  ProjectUsage,
  StorageProbe,
} from './ports/data-maintenance.js';
export { SQLITE_FILE_NAME } from './sqlite/sqlite-storage.js';
export { backupSqlite, restoreSqlite } from './sqlite/sqlite-backup.js';
export { DEFAULT_PROJECT } from './projects/default-project.js';
export { API_KEY_PREFIX } from './projects/api-key.js';

export type { DetectionStore } from './detection-store.js';
export type { ChangedTraceQueue, ClaimOptions } from './ports/changed-trace-queue.js';
export type { TraceRef } from '@glassbox/core/ingest';
export type { ObservationStore, ObservationQuery } from './ports/observation-store.js';
export type { MonitorStore, StoredMonitor, MonitorOrigin } from './ports/monitor-store.js';
export type { AlertStore, AlertQuery, IncidentQuery } from './ports/alert-store.js';
export type { LeaseStore } from './ports/lease-store.js';
export type {
  DetectionTransactions,
  DetectionTransaction,
} from './ports/detection-transactions.js';
export type { GuardStores } from './ports/guard-stores.js';
export { REPLAY_RUN_KINDS } from './ports/replay-run-store.js';
export type { IncidentWorkspaceStore } from './ports/incident-workspace-store.js';
export type { ReplayRun, ReplayRunKind, ReplayRunStore } from './ports/replay-run-store.js';
export type {
  Actor,
  ArtifactEvent,
  ArtifactKey,
  ArtifactStore,
  ArtifactSummary,
  NewArtifactVersion,
  PinCount,
  PinKey,
  SessionSnapshot,
} from './ports/artifact-store.js';
export { MemoryArtifactStore } from './memory/memory-artifact-store.js';
export { REVIEW_REASONS } from './ports/eval-stores.js';
export type {
  DatasetStore,
  DatasetVersion,
  EvalStores,
  ExperimentRunStore,
  OnlineEvalStore,
  OnlineScore,
  ReviewItem,
  ReviewReason,
  ReviewStore,
  StoredReviewLabel,
  TraceRunOutcome,
} from './ports/eval-stores.js';
