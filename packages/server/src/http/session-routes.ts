import { API_ROUTES } from '@glassbox/core/api';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { projectIdOf } from './auth/project-hook.js';
import { contractRoute } from './contract-route.js';
import type { RouteContext } from './route-context.js';

/** GET /api/sessions/:sessionId: every trace of one session, scoped by project. */
export async function sessionRoutes(
  app: FastifyInstance,
  { storage, onRequest }: RouteContext,
): Promise<void> {
  contractRoute(
    app,
    API_ROUTES.getSession,
    async (request) => {
      const { sessionId } = request.params;
      const session = await storage.traces.getSession(projectIdOf(request), sessionId);
      if (!session)
        throw new ApiError('not_found', `session ${JSON.stringify(sessionId)} not found`);
      return session;
    },
    { onRequest },
  );
}
