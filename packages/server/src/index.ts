export { createServer, ServerStartError } from './create-server.js';
export { buildApp } from './build-app.js';
export type { ServerOptions, GlassboxServer } from './server-options.js';
export { DEFAULT_MAX_BODY_BYTES } from './server-options.js';
export { ApiError } from './errors/api-error.js';
export { ERROR_CODES, ERROR_CODE_LIST, httpStatusOf } from './errors/error-codes.js';
export type { ErrorCode } from './errors/error-codes.js';
export type { GroupCommitOptions } from './ingest/group-commit-writer.js';
export { failureClassifier, SESSION_CONTEXT_SPANS } from './ingest/failure-classifier.js';
export {
  DetectionJob,
  detectionPlugin,
  DETECTION_DEFAULTS,
  DETECTION_LEASE,
  parseMonitorsYaml,
  loadMonitorsFile,
  MonitorsFileError,
  sendWebhook,
} from './detection/index.js';
export type {
  DetectionOptions,
  TickReport,
  FileMonitor,
  RetryPolicy,
  WebhookResult,
} from './detection/index.js';
