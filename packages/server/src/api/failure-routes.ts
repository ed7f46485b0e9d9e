import { diagnoseTrace } from '@glassbox/core/diagnose';
import type { Storage } from '@glassbox/store';
import type { FastifyInstance } from 'fastify';
import { projectHook, projectIdOf } from '../auth/project-hook.js';
import type { ProjectResolver } from '../auth/project-resolver.js';
import { ApiError } from '../errors/api-error.js';
import { errorBodySchema, scopedErrorResponses } from './api-schemas.js';
import {
  diagnosisSchema,
  failureSummaryQuerySchema,
  failureSummarySchema,
} from './failure-schemas.js';
import { parseDurationParam } from './parse-duration-param.js';
import { parseTimeParam } from './parse-time-param.js';

const DAY_MS = 86_400_000;

/** GET /api/traces/:traceId/diagnosis and /api/failures/summary, scoped by project. */
export async function failureRoutes(
  app: FastifyInstance,
  options: { storage: Storage; resolver: ProjectResolver },
): Promise<void> {
  const { storage } = options;
  const onRequest = projectHook(options.resolver);

  app.get<{ Params: { traceId: string } }>(
    '/api/traces/:traceId/diagnosis',
    {
      onRequest,
      schema: {
        summary: 'Which layer most likely caused the trace to fail, with evidence for and against',
        tags: ['failures'],
        params: {
          type: 'object',
          required: ['traceId'],
          properties: { traceId: { type: 'string', pattern: '^[0-9a-fA-F]{32}$' } },
        },
        response: { 200: diagnosisSchema, 404: errorBodySchema, ...scopedErrorResponses },
      },
    },
    async (request) => {
      const projectId = projectIdOf(request);
      const traceId = request.params.traceId.toLowerCase();
      const [detail, findings] = await Promise.all([
        storage.traces.getTrace(projectId, traceId),
        storage.traces.getFindings(projectId, traceId),
      ]);
      if (!detail) throw new ApiError('not_found', `trace ${traceId} not found`);
      return diagnoseTrace(detail.spans, findings);
    },
  );

  app.get<{ Querystring: { from?: string; to?: string; bucket: string } }>(
    '/api/failures/summary',
    {
      onRequest,
      schema: {
        summary: 'Traces per failure category over time, by trace start',
        tags: ['failures'],
        querystring: failureSummaryQuerySchema,
        response: { 200: failureSummarySchema, ...scopedErrorResponses },
      },
    },
    async (request) => {
      const to = parseTimeParam('to', request.query.to) ?? Date.now();
      const from = parseTimeParam('from', request.query.from) ?? to - DAY_MS;
      const bucketMs = parseDurationParam('bucket', request.query.bucket);
      return storage.traces.failureSummary({ projectId: projectIdOf(request), from, to, bucketMs });
    },
  );
}
