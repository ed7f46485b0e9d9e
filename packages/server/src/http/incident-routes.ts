import { API_ROUTES } from '@glassbox/core/api';
import { ApiError } from '../errors/api-error.js';
import { projectIdOf } from './auth/project-hook.js';
import type { RouteContext } from './route-context.js';

/** GET /api/incidents and GET /api/incidents/:id (timeline and alerts). */
export function incidentRoutes({ storage, route }: RouteContext): void {
  const store = storage.detection;

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
}
