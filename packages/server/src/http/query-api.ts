import type { Storage } from '@glassbox/store';
import type { FastifyInstance } from 'fastify';
import { alertRoutes } from './alert-routes.js';
import type { ProjectResolver } from './auth/project-resolver.js';
import { projectHook } from './auth/project-hook.js';
import { contractRoute } from './contract-route.js';
import { failureRoutes } from './failure-routes.js';
import { healthRoutes } from './health-routes.js';
import { incidentRoutes } from './incident-routes.js';
import { metricsRoutes } from './metrics-routes.js';
import { monitorRoutes } from './monitor-routes.js';
import type { RouteContext } from './route-context.js';
import { replayRoutes, type ReplayRouteOptions } from './replay-routes.js';
import { sessionRoutes } from './session-routes.js';
import { settingsRoutes } from './settings-routes.js';
import { traceRoutes } from './trace-routes.js';

/**
 * The query API under /api: one route module per resource, each scoped by the caller's
 * project (health excepted).
 *
 * @example
 * await app.register(queryApi, { storage, resolver });
 */
export async function queryApi(
  app: FastifyInstance,
  options: { storage: Storage; resolver: ProjectResolver; replay: ReplayRouteOptions },
): Promise<void> {
  const onRequest = projectHook(options.resolver);
  const context: RouteContext = {
    storage: options.storage,
    route: (contract, handler) => contractRoute(app, contract, handler, { onRequest }),
  };
  for (const routes of [
    traceRoutes,
    sessionRoutes,
    failureRoutes,
    settingsRoutes,
    monitorRoutes,
    alertRoutes,
    incidentRoutes,
    metricsRoutes,
  ]) {
    routes(context);
  }
  replayRoutes(context, options.replay);
  await healthRoutes(app, { storage: options.storage });
}
