export { DetectionJob } from './detection-job.js';
export type { TickReport } from './detection-job.js';
export { DETECTION_DEFAULTS, DETECTION_LEASE } from './detection-options.js';
export type { DetectionOptions } from './detection-options.js';
export { detectionPlugin } from './detection-plugin.js';
export { parseMonitorsYaml, loadMonitorsFile, MonitorsFileError } from './load-monitors-file.js';
export type { FileMonitor } from './load-monitors-file.js';
