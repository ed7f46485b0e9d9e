import { API_ROUTES, type ValidatedQueryOf } from '@glassbox/core/api';
import { DEFAULT_TEXT_SCOPE } from '@glassbox/core/model';
import type { TraceQuery } from '@glassbox/store';
import { ApiError } from '../errors/api-error.js';
import { projectIdOf } from './auth/project-hook.js';
import type { RouteContext } from './route-context.js';
import { parseTimeParam } from './parse-time-param.js';

type TraceListParams = ValidatedQueryOf<typeof API_ROUTES.listTraces>;

function toTraceQuery(projectId: string, params: TraceListParams): TraceQuery {
  const query: TraceQuery = { projectId, limit: params.limit };
  const from = parseTimeParam('from', params.from);
  const to = parseTimeParam('to', params.to);
  if (from !== undefined) query.from = from;
  if (to !== undefined) query.to = to;
  const copied = [
    'sessionId',
    'userId',
    'model',
    'provider',
    'name',
    'category',
    'layer',
    'cursor',
  ] as const;
  for (const key of copied) {
    const value = params[key];
    if (value !== undefined) query[key] = value;
  }
  if (params.kind) query.kind = params.kind;
  if (params.status) query.status = params.status;
  if (params.outcome) query.outcome = params.outcome;
  if (params.q !== undefined) {
    query.text = params.q;
    query.textScope = params.scope ?? DEFAULT_TEXT_SCOPE;
  }
  if (params.tag?.length) query.tags = params.tag;
  if (params.version?.length) {
    query.versions = Object.fromEntries(
      params.version.map((pair) => {
        const at = pair.indexOf(':');
        return [pair.slice(0, at), pair.slice(at + 1)];
      }),
    );
  }
  return query;
}

/**
 * GET /api/traces, /api/traces/extent, /api/traces/:traceId, its outline and one span,
 * scoped by project.
 */
export function traceRoutes({ storage, route }: RouteContext): void {
  route(
    API_ROUTES.getTraceExtent,
    async (request) => (await storage.traces.traceExtent(projectIdOf(request))) ?? {},
  );

  route(API_ROUTES.listTraces, async (request) =>
    storage.traces.listTraces(toTraceQuery(projectIdOf(request), request.query)),
  );

  route(API_ROUTES.getTrace, async (request) => {
    const traceId = request.params.traceId.toLowerCase();
    const projectId = projectIdOf(request);
    const [detail, findings] = await Promise.all([
      storage.traces.getTrace(projectId, traceId),
      storage.traces.getFindings(projectId, traceId),
    ]);
    if (!detail) throw new ApiError('not_found', `trace ${traceId} not found`);
    return { ...detail, findings };
  });

  route(API_ROUTES.getTraceOutline, async (request) => {
    const traceId = request.params.traceId.toLowerCase();
    const projectId = projectIdOf(request);
    const [outline, findings] = await Promise.all([
      storage.traces.getTraceOutline(projectId, traceId),
      storage.traces.getFindings(projectId, traceId),
    ]);
    if (!outline) throw new ApiError('not_found', `trace ${traceId} not found`);
    return { ...outline, findings };
  });

  route(API_ROUTES.getSpan, async (request) => {
    const traceId = request.params.traceId.toLowerCase();
    const spanId = request.params.spanId.toLowerCase();
    const span = await storage.traces.getSpan(projectIdOf(request), traceId, spanId);
    if (!span) throw new ApiError('not_found', `span ${spanId} of trace ${traceId} not found`);
    return span;
  });
}
