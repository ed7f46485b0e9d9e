export type {
  TraceStore,
  TraceQuery,
  Page,
  SessionDetail,
  SpanEvents,
  SpanEventAttacher,
  SpanWriteOptions,
} from './trace-store.js';
export { DEFAULT_PENDING_EVENT_RETENTION_MS } from './trace-store.js';
export type { TraceClassifier, ClassifiableTrace, WriteOptions } from './trace-classifier.js';
export { MAX_SUMMARY_BUCKETS } from './failure-summary.js';
export type { FailureSummary, FailureSummaryQuery, FailureBucket } from './failure-summary.js';
export type { ProjectStore, Project, ApiKeyRecord } from './project-store.js';
export type { Storage, StorageOptions } from './storage.js';
export { openStorage, DEFAULT_DATA_DIR } from './open-storage.js';
export { createMemoryStorage } from './memory/memory-storage.js';
export { StoreError, STORE_ERROR_CODES } from './store-error.js';
export type { StoreErrorCode } from './store-error.js';
export { DEFAULT_PROJECT } from './default-project.js';
export { summarizeTrace } from './trace-summary.js';
export type { SummarySpan } from './trace-summary.js';
export { orderSpanTree } from './span-tree-order.js';
export { MAX_TRACE_PAGE } from './trace-query-check.js';
export { SEARCH_TEXT_LIMIT } from './trace-facets.js';
export { API_KEY_PREFIX } from './api-key.js';
export type {
  DetectionStore,
  TraceRef,
  StoredMonitor,
  MonitorOrigin,
  ObservationQuery,
  AlertQuery,
  IncidentQuery,
} from './detection/index.js';
export { SqlDetectionStore, MemoryDetectionStore } from './detection/index.js';
export { dropPostgresSchema } from './postgres/postgres-storage.js';
export { sqlGuardStores, memoryGuardStores } from './guards/guard-stores.js';
export type { GuardStores } from './guards/guard-stores.js';
