import {
  API_ERROR_CODE_LIST,
  API_ROUTES,
  pathOf,
  type ApiErrorCode,
  type BodyOf,
  type ParamsOf,
  type ResponseOf,
  type RouteContract,
  type RouteSearchParams,
} from '@glassbox/core/api';
import type { Postmortem } from '@glassbox/core/postmortem';
import { storedApiKey } from './api-key.js';

/** Why a call failed when the server did not say: unreachable, not JSON, or a client bug. */
export const CLIENT_ERROR_CODES = ['network', 'bad_response', 'client'] as const;

/**
 * A failed call's code: the server's stable code, one of the client's own, or `http_<status>`
 * for an answer without an error body (a proxy's 502, say).
 */
export type ApiRequestErrorCode =
  ApiErrorCode | (typeof CLIENT_ERROR_CODES)[number] | `http_${number}`;

const isApiErrorCode = (code: unknown): code is ApiErrorCode =>
  (API_ERROR_CODE_LIST as readonly unknown[]).includes(code);

/** A failed API call, with the server's stable error code when it sent one. */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  constructor(
    readonly status: number,
    readonly code: ApiRequestErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Sends a request to the API and returns the answer's text. Non-2xx answers become
 * ApiRequestError carrying the `{error: {code, message}}` body; a network failure gets code
 * `network`.
 */
async function requestText(
  method: string,
  path: string,
  options: { payload?: unknown; signal?: AbortSignal | undefined; accept: string },
): Promise<{ text: string; status: number }> {
  const { payload, signal } = options;
  const headers: Record<string, string> = { accept: options.accept };
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
  if (!response.ok) {
    const error = parseJson<{ error?: { code?: unknown; message?: unknown } }>(text)?.error;
    throw new ApiRequestError(
      response.status,
      isApiErrorCode(error?.code) ? error.code : `http_${response.status}`,
      typeof error?.message === 'string'
        ? error.message
        : `${response.status} ${response.statusText}`,
    );
  }
  return { text, status: response.status };
}

function parseJson<T>(text: string): T | undefined {
  try {
    return text ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}

/** Sends a request to the API and reads its JSON answer (see requestText for errors). */
async function requestJson<T>(
  method: string,
  path: string,
  payload?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const { text, status } = await requestText(method, path, {
    payload,
    signal,
    accept: 'application/json',
  });
  const body = parseJson<T>(text);
  if (body === undefined)
    throw new ApiRequestError(status, 'bad_response', `${path} did not answer JSON`);
  return body;
}

/** What one call of a route needs: its path parameters, query string and body. */
interface CallInput<R extends RouteContract> {
  params?: ParamsOf<R>;
  query?: RouteSearchParams<R>;
  body?: BodyOf<R>;
  signal?: AbortSignal;
}

/**
 * Calls one route of the contract: the path, method and types all come from
 * `@glassbox/core/api`.
 *
 * @example
 * const trace = await call(API_ROUTES.getTrace, { params: { traceId } });
 */
export function call<R extends RouteContract>(
  route: R,
  input: CallInput<R> = {},
): Promise<ResponseOf<R>> {
  const path = route.path.includes(':') ? pathOf(route, input.params as ParamsOf<R>) : route.path;
  const url = input.query ? `${path}?${input.query.toString()}` : path;
  return requestJson<ResponseOf<R>>(route.method, url, input.body, input.signal);
}

const routes = API_ROUTES;

/** The query API, one function per endpoint. */
export const api = {
  listTraces: (query: RouteSearchParams<typeof routes.listTraces>, signal?: AbortSignal) =>
    call(routes.listTraces, { query, signal }),
  getTrace: (traceId: string, signal?: AbortSignal) =>
    call(routes.getTrace, { params: { traceId }, signal }),
  getTraceOutline: (traceId: string, signal?: AbortSignal) =>
    call(routes.getTraceOutline, { params: { traceId }, signal }),
  getSpan: (traceId: string, spanId: string, signal?: AbortSignal) =>
    call(routes.getSpan, { params: { traceId, spanId }, signal }),
  getDiagnosis: (traceId: string, signal?: AbortSignal) =>
    call(routes.getDiagnosis, { params: { traceId }, signal }),
  traceExtent: (signal?: AbortSignal) => call(routes.getTraceExtent, { signal }),
  listSessions: (query: RouteSearchParams<typeof routes.listSessions>, signal?: AbortSignal) =>
    call(routes.listSessions, { query, signal }),
  getSession: (sessionId: string, signal?: AbortSignal) =>
    call(routes.getSession, { params: { sessionId }, signal }),
  failureSummary: (
    query: RouteSearchParams<typeof routes.getFailureSummary>,
    signal?: AbortSignal,
  ) => call(routes.getFailureSummary, { query, signal }),
  listAlerts: (query: RouteSearchParams<typeof routes.listAlerts>, signal?: AbortSignal) =>
    call(routes.listAlerts, { query, signal }),
  getAlert: (id: string, signal?: AbortSignal) => call(routes.getAlert, { params: { id }, signal }),
  ackAlert: (id: string) => call(routes.ackAlert, { params: { id } }),
  listIncidents: (query: RouteSearchParams<typeof routes.listIncidents>, signal?: AbortSignal) =>
    call(routes.listIncidents, { query, signal }),
  getIncident: (id: string, signal?: AbortSignal) =>
    call(routes.getIncident, { params: { id }, signal }),
  /** The postmortem draft with every evidence link (the route answers md, yaml or json). */
  getPostmortem: (id: string, signal?: AbortSignal) =>
    requestJson<Postmortem>(
      'GET',
      `${pathOf(routes.getPostmortem, { id })}?format=json`,
      undefined,
      signal,
    ),
  /** The postmortem as Markdown or template YAML, for download. */
  postmortemText: async (id: string, format: 'md' | 'yaml') =>
    (
      await requestText('GET', `${pathOf(routes.getPostmortem, { id })}?format=${format}`, {
        accept: format === 'md' ? 'text/markdown' : 'application/yaml',
      })
    ).text,
  listMonitors: (signal?: AbortSignal) => call(routes.listMonitors, { signal }),
  putMonitor: (definition: BodyOf<typeof routes.putMonitor>) =>
    call(routes.putMonitor, { params: { id: definition.id }, body: definition }),
  metrics: (query: RouteSearchParams<typeof routes.getMetrics>, signal?: AbortSignal) =>
    call(routes.getMetrics, { query, signal }),
  replaySpan: (traceId: string, spanId: string, body: BodyOf<typeof routes.replaySpan>) =>
    call(routes.replaySpan, { params: { traceId, spanId }, body }),
  bisectTrace: (traceId: string, body: BodyOf<typeof routes.bisectTrace>) =>
    call(routes.bisectTrace, { params: { traceId }, body }),
  listReplayRuns: (traceId: string, signal?: AbortSignal) =>
    call(routes.listReplayRuns, { params: { traceId }, signal }),
};
