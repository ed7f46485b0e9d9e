import { ackAlert, getAlert, listAlerts } from './alert-routes.js';
import {
  createArtifactVersion,
  createSessionSnapshot,
  endSessionPins,
  getArtifactCanary,
  getArtifactHistory,
  getArtifactVersion,
  judgeArtifactCanary,
  startArtifactCanary,
  getSessionSnapshot,
  listArtifactEvents,
  listArtifactPins,
  listArtifacts,
  listArtifactVersions,
  moveArtifactLabel,
  resolveArtifact,
  revokeArtifactVersion,
} from './artifact-routes.js';
import { getDiagnosis, getFailureSummary } from './failure-routes.js';
import { getHealth } from './health-routes.js';
import { getIncident, getPostmortem, listIncidents } from './incident-routes.js';
import { getMetrics } from './metrics-routes.js';
import {
  createMonitor,
  deleteMonitor,
  getMonitor,
  listMonitors,
  putMonitor,
} from './monitor-routes.js';
import { exportLogs, exportTraces } from './otlp-routes.js';
import { getThresholds, putThresholds } from './settings-routes.js';
import { bisectTrace, listReplayRuns, replaySpan } from './replay-routes.js';
import {
  createApiKey,
  deleteData,
  getRetention,
  getUsage,
  listApiKeys,
  listAuditLog,
  putRetention,
  revokeApiKey,
  rotateApiKey,
} from './team-routes.js';
import { getSession, getTrace, getTraceExtent, listSessions, listTraces } from './trace-routes.js';

/**
 * Every route of Glassbox's HTTP API, by name: the server registers each one's validation
 * from here, the UI calls them through it, and the OpenAPI document is generated from it.
 *
 * @example
 * API_ROUTES.getTrace.path; // '/api/traces/:traceId'
 */
export const API_ROUTES = {
  exportTraces,
  exportLogs,
  listTraces,
  getTraceExtent,
  getTrace,
  listSessions,
  getSession,
  getDiagnosis,
  getFailureSummary,
  getThresholds,
  putThresholds,
  getHealth,
  listMonitors,
  getMonitor,
  createMonitor,
  putMonitor,
  deleteMonitor,
  listAlerts,
  getAlert,
  ackAlert,
  listIncidents,
  getIncident,
  getPostmortem,
  getMetrics,
  replaySpan,
  bisectTrace,
  listReplayRuns,
  listArtifacts,
  createArtifactVersion,
  listArtifactVersions,
  getArtifactVersion,
  resolveArtifact,
  moveArtifactLabel,
  getArtifactHistory,
  revokeArtifactVersion,
  listArtifactPins,
  listArtifactEvents,
  endSessionPins,
  createSessionSnapshot,
  getSessionSnapshot,
  startArtifactCanary,
  getArtifactCanary,
  judgeArtifactCanary,
  listApiKeys,
  createApiKey,
  revokeApiKey,
  rotateApiKey,
  listAuditLog,
  deleteData,
  getRetention,
  putRetention,
  getUsage,
} as const;

export type ApiRoutes = typeof API_ROUTES;
export type ApiRouteName = keyof ApiRoutes;
