import type { IncidentStatus } from '@glassbox/core/detect';
import type { FastifyInstance } from 'fastify';
import { scopedErrorResponses } from '../api/api-schemas.js';
import { projectIdOf } from '../auth/project-hook.js';
import { ApiError } from '../errors/api-error.js';
import { TAGS as tags, withErrors, type DetectionRouteContext } from './detection-route-context.js';
import {
  documentSchema,
  idParamsSchema,
  incidentListQuerySchema,
  itemsOf,
} from './detection-schemas.js';

/** GET /api/incidents and GET /api/incidents/:id (timeline and alerts). */
export function incidentRoutes(
  app: FastifyInstance,
  { store, onRequest }: DetectionRouteContext,
): void {
  app.get<{ Querystring: { status?: IncidentStatus; limit: number } }>(
    '/api/incidents',
    {
      onRequest,
      schema: {
        summary: 'List incidents, newest first',
        tags,
        querystring: incidentListQuerySchema,
        response: { 200: itemsOf(documentSchema), ...scopedErrorResponses },
      },
    },
    async (request) => {
      const { status, limit } = request.query;
      return {
        items: await store.listIncidents({
          projectId: projectIdOf(request),
          limit,
          ...(status ? { status } : {}),
        }),
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/incidents/:id',
    {
      onRequest,
      schema: {
        summary: 'One incident with its timeline and alerts',
        tags,
        params: idParamsSchema,
        response: { 200: documentSchema, ...withErrors },
      },
    },
    async (request) => {
      const projectId = projectIdOf(request);
      const incident = await store.getIncident(projectId, request.params.id);
      if (!incident) throw new ApiError('not_found', `incident ${request.params.id} not found`);
      const alerts = await Promise.all(
        incident.alertIds.map((id) => store.getAlert(projectId, id)),
      );
      return { ...incident, alerts: alerts.filter((a) => a !== undefined) };
    },
  );
}
