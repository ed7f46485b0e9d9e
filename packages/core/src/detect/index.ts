export type { Observation } from './observation.js';
export { SEGMENT_KEYS } from './observation.js';
export {
  extractObservation,
  isEscalation,
  FORMAT_FAILURE_CATEGORIES,
} from './extract-observation.js';
export { DetectError, DETECT_ERROR_CODES } from './detect-error.js';
export type { DetectErrorCode } from './detect-error.js';
export { resolveMetric, METRIC_NAMES } from './metric-catalog.js';
export type { Metric } from './metric-catalog.js';
export { matchesSegment, parseSegment } from './segment-filter.js';
export type { SegmentFilter } from './segment-filter.js';
export { rollup, MAX_ROLLUP_BUCKETS } from './rollup.js';
export type { RollupPoint, RollupRequest } from './rollup.js';
export { DETECTOR_KINDS } from './detector.js';
export type {
  DetectorKind,
  DetectorParams,
  DetectorAlarm,
  DetectorStep,
  Detector,
  ChartPoint,
  Readiness,
} from './detector.js';
export {
  createRateCusumDetector,
  RATE_CUSUM_DEFAULTS,
  MIN_DOWN_P0,
  MAX_UP_P0,
} from './rate-cusum-detector.js';
export { rateThreshold } from './rate-threshold.js';
export { defaultDirection, directionOf, DIRECTION_PARAM } from './direction.js';
export type { Direction } from './direction.js';
export { createValueChartDetector, VALUE_CHART_DEFAULTS } from './value-chart-detector.js';
export { createNewValueDetector, NEW_VALUE_DEFAULTS } from './new-value-detector.js';
export { createShareShiftDetector, SHARE_SHIFT_DEFAULTS } from './share-shift-detector.js';
export { createDominanceDetector, DOMINANCE_DEFAULTS } from './dominance-detector.js';
export {
  createEmbeddingDriftDetector,
  EMBEDDING_DRIFT_DEFAULTS,
} from './embedding-drift-detector.js';
export { checkMonitor } from './monitor.js';
export type { AlarmAction, MonitorDefinition, NotificationTarget } from './monitor.js';
export {
  defaultMonitors,
  DEFAULT_FINDING_MONITORS,
  CHANGE_MONITOR_METRICS,
} from './default-monitors.js';
export { createMonitorEvaluator } from './monitor-evaluator.js';
export { monitorArming } from './monitor-arming.js';
export type { MonitorArming } from './monitor-arming.js';
export { DEFAULT_RESOLVE_AFTER, MONITOR_PARAMS } from './detector-params.js';
export type { ParamSpec, ParamSpecs } from './detector-params.js';
export { DETECTORS, detectorsWithParam } from './detector-catalog.js';
export type { DetectorEntry } from './detector-catalog.js';
export type { MonitorState, MonitorEvent, MonitorEvaluator } from './monitor-evaluator.js';
export {
  advanceMonitor,
  rewindForLateData,
  emptyProgress,
  isBefore,
  PROGRESS_DEFAULTS,
} from './monitor-progress.js';
export type { MonitorProgress, EventPosition } from './monitor-progress.js';
export { ALERT_STATUSES } from './alert.js';
export type { Alert, AlertStatus, AlertEvidence } from './alert.js';
export { applyMonitorEvent } from './apply-monitor-event.js';
export type { AlertChanges } from './apply-monitor-event.js';
export {
  fileAlert,
  noteAlertResolved,
  INCIDENT_JOIN_WINDOW_MS,
  INCIDENT_STATUSES,
} from './incident.js';
export type { CanaryKillEvidence, Incident, IncidentStatus, TimelineEntry } from './incident.js';
