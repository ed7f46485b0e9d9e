import type { ApiRoutes } from './api-routes.js';
import type { ResponseOf } from './route-contract.js';

/* Names for the answers clients handle most, derived from the routes' schemas. */

export type TraceListResponse = ResponseOf<ApiRoutes['listTraces']>;
export type TraceDetailResponse = ResponseOf<ApiRoutes['getTrace']>;
export type TraceOutlineResponse = ResponseOf<ApiRoutes['getTraceOutline']>;
export type SessionResponse = ResponseOf<ApiRoutes['getSession']>;
export type SessionListResponse = ResponseOf<ApiRoutes['listSessions']>;
export type TraceExtentResponse = ResponseOf<ApiRoutes['getTraceExtent']>;
export type FailureSummaryResponse = ResponseOf<ApiRoutes['getFailureSummary']>;
export type ThresholdSettings = ResponseOf<ApiRoutes['getThresholds']>;
export type HealthResponse = ResponseOf<ApiRoutes['getHealth']>;
