import { API_ROUTES } from '@glassbox/core/api';
import { ApiError } from '../errors/api-error.js';
import { IncidentNotFound, postmortemOf } from '../services/incidents/index.js';
import { projectIdOf } from './auth/project-hook.js';
import { incidentWorkspaceRoutes } from './incident-workspace-routes.js';
import type { RouteContext } from './route-context.js';

const MEDIA_TYPES = {
  md: 'text/markdown; charset=utf-8',
  yaml: 'application/yaml; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;

/**
 * GET /api/incidents, /api/incidents/:id (timeline and alerts), its postmortem draft, and
 * the incident workspace.
 */
export function incidentRoutes(context: RouteContext): void {
  const { storage, route } = context;
  const store = storage.detection;
  incidentWorkspaceRoutes(context);

  route(API_ROUTES.listIncidents, async (request) => {
    const { status, limit } = request.query;
    return {
      items: await store.listIncidents({
        projectId: projectIdOf(request),
        limit,
        ...(status ? { status } : {}),
      }),
    };
  });

  route(API_ROUTES.getIncident, async (request) => {
    const projectId = projectIdOf(request);
    const incident = await store.getIncident(projectId, request.params.id);
    if (!incident) throw new ApiError('not_found', `incident ${request.params.id} not found`);
    const alerts = await Promise.all(incident.alertIds.map((id) => store.getAlert(projectId, id)));
    return { ...incident, alerts: alerts.filter((a) => a !== undefined) };
  });

  route(API_ROUTES.getPostmortem, async (request, reply) => {
    const { format } = request.query;
    const ports = { traces: storage.traces, alerts: store, monitors: store };
    try {
      const { text } = await postmortemOf(ports, projectIdOf(request), request.params.id, format);
      return reply.type(MEDIA_TYPES[format]).send(text);
    } catch (error) {
      if (error instanceof IncidentNotFound) throw new ApiError('not_found', error.message);
      throw error;
    }
  });
}
