import type { Storage } from '@glassbox/store';
import type { FastifyInstance } from 'fastify';
import { projectHook } from '../auth/project-hook.js';
import type { ProjectResolver } from '../auth/project-resolver.js';
import { alertRoutes } from './alert-routes.js';
import { incidentRoutes } from './incident-routes.js';
import { metricsRoute } from './metrics-route.js';
import { monitorRoutes } from './monitor-routes.js';

/** /api/monitors (CRUD), /api/alerts (+ ack), /api/incidents and /api/metrics, project-scoped. */
export async function detectionRoutes(
  app: FastifyInstance,
  options: { storage: Storage; resolver: ProjectResolver },
): Promise<void> {
  const context = { store: options.storage.detection, onRequest: projectHook(options.resolver) };
  monitorRoutes(app, context);
  alertRoutes(app, context);
  incidentRoutes(app, context);
  metricsRoute(app, context);
}
