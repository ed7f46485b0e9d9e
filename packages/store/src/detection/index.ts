export type {
  DetectionStore,
  TraceRef,
  StoredMonitor,
  MonitorOrigin,
  ObservationQuery,
  AlertQuery,
  IncidentQuery,
} from './detection-store.js';
export { SqlDetectionStore } from './sql-detection-store.js';
export { MemoryDetectionStore } from './memory-detection-store.js';
export { detectionMigration } from './detection-migration.js';
