import { API_ROUTES } from '@glassbox/core/api';
import { ApiError } from '../errors/api-error.js';
import { projectIdOf } from './auth/project-hook.js';
import type { RouteContext } from './route-context.js';

/** GET /api/alerts, GET /api/alerts/:id (evidence and chart data), POST /api/alerts/:id/ack. */
export function alertRoutes({ storage, route }: RouteContext): void {
  const store = storage.detection;

  route(API_ROUTES.listAlerts, async (request) => {
    const { status, monitorId, limit } = request.query;
    return {
      items: await store.listAlerts({
        projectId: projectIdOf(request),
        limit,
        ...(status ? { status } : {}),
        ...(monitorId ? { monitorId } : {}),
      }),
    };
  });

  route(API_ROUTES.getAlert, async (request) => {
    const alert = await store.getAlert(projectIdOf(request), request.params.id);
    if (!alert) throw new ApiError('not_found', `alert ${request.params.id} not found`);
    return alert;
  });

  route(API_ROUTES.ackAlert, async (request) => {
    const projectId = projectIdOf(request);
    const alert = await store.getAlert(projectId, request.params.id);
    if (!alert) throw new ApiError('not_found', `alert ${request.params.id} not found`);
    if (alert.status === 'resolved')
      throw new ApiError('invalid_request', `alert ${alert.id} is already resolved`);
    const acked = { ...alert, status: 'acknowledged' as const };
    await store.putAlerts([acked]);
    return acked;
  });
}
