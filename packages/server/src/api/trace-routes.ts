import type { SpanKind, SpanStatus } from '@glassbox/core/model';
import type { Storage, TraceQuery } from '@glassbox/store';
import type { FastifyInstance } from 'fastify';
import { projectHook, projectIdOf } from '../auth/project-hook.js';
import type { ProjectResolver } from '../auth/project-resolver.js';
import { ApiError } from '../errors/api-error.js';
import {
  errorBodySchema,
  scopedErrorResponses,
  sessionResponseSchema,
  traceDetailWithFindingsSchema,
  traceListQuerySchema,
  traceListResponseSchema,
} from './api-schemas.js';
import { parseTimeParam } from './parse-time-param.js';

interface TraceListParams {
  from?: string;
  to?: string;
  sessionId?: string;
  userId?: string;
  model?: string;
  provider?: string;
  kind?: SpanKind;
  status?: SpanStatus;
  name?: string;
  q?: string;
  tag?: string[];
  version?: string[];
  category?: string;
  layer?: string;
  limit: number;
  cursor?: string;
}

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
  if (params.q !== undefined) query.text = params.q;
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

/** GET /api/traces, /api/traces/:traceId and /api/sessions/:sessionId, scoped by project. */
export async function traceRoutes(
  app: FastifyInstance,
  options: { storage: Storage; resolver: ProjectResolver },
): Promise<void> {
  const { storage } = options;
  const onRequest = projectHook(options.resolver);

  app.get<{ Querystring: TraceListParams }>(
    '/api/traces',
    {
      onRequest,
      schema: {
        summary: 'List traces, newest first, filtered and paginated',
        tags: ['traces'],
        querystring: traceListQuerySchema,
        response: { 200: traceListResponseSchema, ...scopedErrorResponses },
      },
    },
    async (request) => storage.traces.listTraces(toTraceQuery(projectIdOf(request), request.query)),
  );

  app.get<{ Params: { traceId: string } }>(
    '/api/traces/:traceId',
    {
      onRequest,
      schema: {
        summary: 'One trace with every span in tree order and its findings',
        tags: ['traces'],
        params: {
          type: 'object',
          required: ['traceId'],
          properties: { traceId: { type: 'string', pattern: '^[0-9a-fA-F]{32}$' } },
        },
        response: {
          200: traceDetailWithFindingsSchema,
          404: errorBodySchema,
          ...scopedErrorResponses,
        },
      },
    },
    async (request) => {
      const traceId = request.params.traceId.toLowerCase();
      const projectId = projectIdOf(request);
      const [detail, findings] = await Promise.all([
        storage.traces.getTrace(projectId, traceId),
        storage.traces.getFindings(projectId, traceId),
      ]);
      if (!detail) throw new ApiError('not_found', `trace ${traceId} not found`);
      return { ...detail, findings };
    },
  );

  app.get<{ Params: { sessionId: string } }>(
    '/api/sessions/:sessionId',
    {
      onRequest,
      schema: {
        summary: 'Every trace of one session',
        tags: ['sessions'],
        params: {
          type: 'object',
          required: ['sessionId'],
          properties: { sessionId: { type: 'string', minLength: 1 } },
        },
        response: { 200: sessionResponseSchema, 404: errorBodySchema, ...scopedErrorResponses },
      },
    },
    async (request) => {
      const { sessionId } = request.params;
      const session = await storage.traces.getSession(projectIdOf(request), sessionId);
      if (!session)
        throw new ApiError('not_found', `session ${JSON.stringify(sessionId)} not found`);
      return session;
    },
  );
}
