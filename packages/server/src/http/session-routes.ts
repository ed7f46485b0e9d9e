import { API_ROUTES } from '@glassbox/core/api';
import { ApiError } from '../errors/api-error.js';
import { projectIdOf } from './auth/project-hook.js';
import type { RouteContext } from './route-context.js';

/** GET /api/sessions and /api/sessions/:sessionId, scoped by project. */
export function sessionRoutes({ storage, route }: RouteContext): void {
  route(API_ROUTES.listSessions, async (request) => {
    const { limit, cursor } = request.query;
    return storage.traces.listSessions({
      projectId: projectIdOf(request),
      limit,
      ...(cursor === undefined ? {} : { cursor }),
    });
  });

  route(API_ROUTES.getSession, async (request) => {
    const { sessionId } = request.params;
    const session = await storage.traces.getSession(projectIdOf(request), sessionId);
    if (!session) throw new ApiError('not_found', `session ${JSON.stringify(sessionId)} not found`);
    return session;
  });
}
