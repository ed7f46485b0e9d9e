export { createServer, ServerStartError } from './create-server.js';
export { buildApp } from './build-app.js';
export type { ServerOptions, GlassboxServer, ReplayOptions } from './server-options.js';
export { DEFAULT_MAX_BODY_BYTES, DEFAULT_REPLAY_MAX_TRIALS } from './server-options.js';
export { ApiError } from './errors/api-error.js';
export { HTTP_STATUS, httpStatusOf } from './errors/http-status.js';
export { SERVER_ERROR_CODES } from './errors/server-error-codes.js';
export type { ServerErrorCode } from './errors/server-error-codes.js';
export type { GroupCommitOptions } from './services/ingest/group-commit-writer.js';
export {
  DetectionJob,
  detectionPlugin,
  DETECTION_DEFAULTS,
  DETECTION_LEASE,
  parseMonitorsYaml,
  loadMonitorsFile,
  MonitorsFileError,
} from './services/detection/index.js';
export type { DetectionOptions, TickReport, FileMonitor } from './services/detection/index.js';
export { sendWebhook } from './services/notify/index.js';
export type { RetryPolicy, WebhookResult } from './services/notify/index.js';
export {
  gatherPostmortemEvidence,
  IncidentNotFound,
  postmortemOf,
  postmortemVersion,
  workspacePortsOf,
} from './services/incidents/index.js';
export type { PostmortemPorts } from './services/incidents/index.js';
export {
  bisectTrace,
  replaySpan,
  createReplayProviders,
  loadProvidersFile,
  ReplayServiceError,
  REPLAY_SERVICE_ERROR_CODES,
  HOW_TO_CONFIGURE,
  saveReplayRun,
  summarizeRun,
  inProcessJudging,
  startJudgingThreads,
} from './services/replay/index.js';
export type {
  ArmResult,
  BisectOptions,
  BisectProgress,
  BisectionResult,
  ReplayPorts,
  ReplayProviders,
  ReplayResult,
  ReplaySpanOptions,
  ReplayServiceErrorCode,
  TrialResult,
  TrialJudging,
} from './services/replay/index.js';
export { OnlineEvalJob, onlineJudgeServices } from './services/evals/index.js';
export type { OnlineEvalOptions } from './services/evals/index.js';
export { HOLD_MODES, applyHold } from './services/artifacts/apply-hold.js';
export type { HoldMode, HoldOutcome, HoldRequest } from './services/artifacts/apply-hold.js';
export { holdForAlarm } from './services/artifacts/hold-for-alarm.js';
export type { AlarmHold } from './services/artifacts/hold-for-alarm.js';
export { holdTargets } from './services/artifacts/hold-targets.js';
export type { HoldTarget, HoldTargets } from './services/artifacts/hold-targets.js';
