import type { AlertStatus } from '@glassbox/core/detect';
import type { FastifyInstance } from 'fastify';
import { scopedErrorResponses } from '../api/api-schemas.js';
import { projectIdOf } from '../auth/project-hook.js';
import { ApiError } from '../errors/api-error.js';
import { TAGS as tags, withErrors, type DetectionRouteContext } from './detection-route-context.js';
import {
  alertListQuerySchema,
  documentSchema,
  idParamsSchema,
  itemsOf,
} from './detection-schemas.js';

/** GET /api/alerts, GET /api/alerts/:id (evidence and chart data), POST /api/alerts/:id/ack. */
export function alertRoutes(
  app: FastifyInstance,
  { store, onRequest }: DetectionRouteContext,
): void {
  app.get<{ Querystring: { status?: AlertStatus; monitorId?: string; limit: number } }>(
    '/api/alerts',
    {
      onRequest,
      schema: {
        summary: 'List alerts, newest first',
        tags,
        querystring: alertListQuerySchema,
        response: { 200: itemsOf(documentSchema), ...scopedErrorResponses },
      },
    },
    async (request) => {
      const { status, monitorId, limit } = request.query;
      return {
        items: await store.listAlerts({
          projectId: projectIdOf(request),
          limit,
          ...(status ? { status } : {}),
          ...(monitorId ? { monitorId } : {}),
        }),
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/alerts/:id',
    {
      onRequest,
      schema: {
        summary: 'One alert with its evidence and chart data',
        tags,
        params: idParamsSchema,
        response: { 200: documentSchema, ...withErrors },
      },
    },
    async (request) => {
      const alert = await store.getAlert(projectIdOf(request), request.params.id);
      if (!alert) throw new ApiError('not_found', `alert ${request.params.id} not found`);
      return alert;
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/alerts/:id/ack',
    {
      onRequest,
      schema: {
        summary: 'Acknowledge an open alert',
        tags,
        params: idParamsSchema,
        response: { 200: documentSchema, ...withErrors },
      },
    },
    async (request) => {
      const projectId = projectIdOf(request);
      const alert = await store.getAlert(projectId, request.params.id);
      if (!alert) throw new ApiError('not_found', `alert ${request.params.id} not found`);
      if (alert.status === 'resolved')
        throw new ApiError('invalid_request', `alert ${alert.id} is already resolved`);
      const acked = { ...alert, status: 'acknowledged' as const };
      await store.putAlerts([acked]);
      return acked;
    },
  );
}
