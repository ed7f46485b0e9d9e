import { storedApiKey } from './api-key.js';
import type { Alert, Incident, MonitorDefinition } from '@glassbox/core/detect';
import type {
  DiagnosisResponse,
  IncidentDetailResponse,
  ItemsResponse,
  MetricsResponse,
  MonitorView,
  FailureSummaryResponse,
  SessionResponse,
  TraceDetailResponse,
  TraceListResponse,
} from './api-types.js';

/** A failed API call, with the server's stable error code when it sent one. */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * GETs a JSON document from the query API. Non-2xx answers become ApiRequestError carrying
 * the `{error: {code, message}}` body; a network failure gets code `network`.
 *
 * @example
 * const list = await getJson<TraceListResponse>('/api/traces?limit=50');
 */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return requestJson<T>('GET', path, undefined, signal);
}

/**
 * Sends a JSON request (PUT, POST) to the API; errors as in getJson.
 *
 * @example
 * await requestJson('PUT', '/api/monitors/errors', { ...definition, enabled: false });
 */
export async function requestJson<T>(
  method: string,
  path: string,
  payload?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const key = storedApiKey();
  if (key) headers.authorization = `Bearer ${key}`;
  if (payload !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiRequestError(0, 'network', `Cannot reach the Glassbox server (${String(error)}).`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    throw new ApiRequestError(
      response.status,
      typeof error?.code === 'string' ? error.code : `http_${response.status}`,
      typeof error?.message === 'string'
        ? error.message
        : `${response.status} ${response.statusText}`,
    );
  }
  if (body === undefined)
    throw new ApiRequestError(response.status, 'bad_response', `${path} did not answer JSON`);
  return body as T;
}

/** The query API, one function per endpoint. */
export const api = {
  listTraces: (query: URLSearchParams, signal?: AbortSignal) =>
    getJson<TraceListResponse>(`/api/traces?${query.toString()}`, signal),
  getTrace: (traceId: string, signal?: AbortSignal) =>
    getJson<TraceDetailResponse>(`/api/traces/${encodeURIComponent(traceId)}`, signal),
  getDiagnosis: (traceId: string, signal?: AbortSignal) =>
    getJson<DiagnosisResponse>(`/api/traces/${encodeURIComponent(traceId)}/diagnosis`, signal),
  getSession: (sessionId: string, signal?: AbortSignal) =>
    getJson<SessionResponse>(`/api/sessions/${encodeURIComponent(sessionId)}`, signal),
  failureSummary: (query: URLSearchParams, signal?: AbortSignal) =>
    getJson<FailureSummaryResponse>(`/api/failures/summary?${query.toString()}`, signal),
  listAlerts: (query: URLSearchParams, signal?: AbortSignal) =>
    getJson<ItemsResponse<Alert>>(`/api/alerts?${query.toString()}`, signal),
  getAlert: (id: string, signal?: AbortSignal) =>
    getJson<Alert>(`/api/alerts/${encodeURIComponent(id)}`, signal),
  ackAlert: (id: string) => requestJson<Alert>('POST', `/api/alerts/${encodeURIComponent(id)}/ack`),
  listIncidents: (query: URLSearchParams, signal?: AbortSignal) =>
    getJson<ItemsResponse<Incident>>(`/api/incidents?${query.toString()}`, signal),
  getIncident: (id: string, signal?: AbortSignal) =>
    getJson<IncidentDetailResponse>(`/api/incidents/${encodeURIComponent(id)}`, signal),
  listMonitors: (signal?: AbortSignal) =>
    getJson<ItemsResponse<MonitorView>>('/api/monitors', signal),
  putMonitor: (definition: MonitorDefinition) =>
    requestJson<MonitorView>(
      'PUT',
      `/api/monitors/${encodeURIComponent(definition.id)}`,
      definition,
    ),
  metrics: (query: URLSearchParams, signal?: AbortSignal) =>
    getJson<MetricsResponse>(`/api/metrics?${query.toString()}`, signal),
};
