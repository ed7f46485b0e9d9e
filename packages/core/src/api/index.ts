export { API_ROUTES } from './api-routes.js';
export type { ApiRoutes, ApiRouteName } from './api-routes.js';
export { defineRoute, PROJECT_ERRORS, LOOKUP_ERRORS } from './route-contract.js';
export type {
  RouteContract,
  HttpMethod,
  ErrorStatus,
  ParamsOf,
  QueryOf,
  ValidatedQueryOf,
  BodyOf,
  ResponseOf,
  QueryStringOf,
} from './route-contract.js';
export { API_ERROR_CODES, API_ERROR_CODE_LIST, errorBody } from './api-error-codes.js';
export type { ApiErrorCode, ErrorBody } from './api-error-codes.js';
export { queryParameters, searchParamsOf, pathOf } from './request-url.js';
export type { QueryParameter, RouteSearchParams } from './request-url.js';
export { TRACE_LIST_MAX_LIMIT } from './trace-routes.js';
export { REPLAY_MAX_TRIALS } from './replay-routes.js';
export { MAX_SUMMARY_BUCKETS } from './failure-routes.js';
export { OTLP_MEDIA_TYPES } from './otlp-routes.js';
export { MAX_EVENT_WAIT_MS } from './artifact-routes.js';
export { MONITOR_ORIGINS } from './detection-schemas.js';
export type { IncidentWorkspaceView } from './incident-workspace-routes.js';
export type {
  MonitorOrigin,
  MonitorView,
  IncidentDetail,
  MetricSeries,
} from './detection-schemas.js';
export type {
  TraceListResponse,
  TraceDetailResponse,
  TraceOutlineResponse,
  SessionResponse,
  SessionListResponse,
  TraceExtentResponse,
  FailureSummaryResponse,
  ThresholdSettings,
  HealthResponse,
} from './response-types.js';
export { API_KEY_SCOPES, DEFAULT_KEY_SCOPES, parseScopes } from './api-key-scopes.js';
export type { ApiKeyScope } from './api-key-scopes.js';
