import { API_ROUTES } from '@glassbox/core/api';
import { projectIdOf } from './auth/project-hook.js';
import type { RouteContext } from './route-context.js';

/** GET /api/audit: the project's audit log, newest first. */
export function auditRoutes({ storage, route }: RouteContext): void {
  route(API_ROUTES.listAuditLog, async (request) => ({
    items: await storage.audit.list({
      projectId: projectIdOf(request),
      limit: request.query.limit ?? 100,
      ...(request.query.before === undefined ? {} : { beforeMs: request.query.before }),
    }),
  }));
}
