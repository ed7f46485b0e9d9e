import { scoredEvaluatorNames } from '@glassbox/core/evals';
import type { Storage } from '@glassbox/store';
import type { FastifyInstance } from 'fastify';
import { alertRoutes } from './alert-routes.js';
import { artifactRoutes } from './artifact-routes.js';
import { ArtifactEventFeed } from '../services/artifacts/artifact-event-feed.js';
import { ArtifactRegistry } from '../services/artifacts/artifact-registry.js';
import type { ProjectResolver } from './auth/project-resolver.js';
import { projectHook } from './auth/project-hook.js';
import { scopeOf } from './auth/route-scope.js';
import { auditRoutes } from './audit-routes.js';
import { dataRoutes } from './data-routes.js';
import { keyRoutes } from './key-routes.js';
import { contractRoute } from './contract-route.js';
import { evalRoutes } from './eval-routes.js';
import { failureRoutes } from './failure-routes.js';
import { healthRoutes } from './health-routes.js';
import { incidentEvalRoute } from './incident-eval-route.js';
import { incidentPolishRoute } from './incident-polish-route.js';
import { incidentRoutes } from './incident-routes.js';
import { metricsRoutes } from './metrics-routes.js';
import { monitorRoutes } from './monitor-routes.js';
import type { RouteContext } from './route-context.js';
import { replayRoutes, type ReplayRouteOptions } from './replay-routes.js';

/** How the registry pins sessions and how often a waiting long poll re-reads the database. */
export type ArtifactOptions = { pinIdleMs?: number; pollMs?: number };
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
  options: {
    storage: Storage;
    resolver: ProjectResolver;
    replay: ReplayRouteOptions;
    artifacts?: ArtifactOptions;
    /** Spans waiting in the ingest queue, for the health answer. */
    pendingSpans?: () => number;
  },
): Promise<void> {
  const context: RouteContext = {
    storage: options.storage,
    route: (contract, handler) =>
      contractRoute(app, contract, handler, {
        onRequest: projectHook(options.resolver, scopeOf(contract)),
      }),
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
    evalRoutes,
    auditRoutes,
    dataRoutes,
  ]) {
    routes(context);
  }
  replayRoutes(context, options.replay);
  incidentPolishRoute(context, options.replay.providers);
  incidentEvalRoute(context, options.replay);
  const feed = new ArtifactEventFeed(options.storage.artifacts, options.artifacts ?? {});
  // preClose: a waiting long poll answers now instead of holding shutdown for its waitMs.
  app.addHook('preClose', async () => feed.close());
  const registry = new ArtifactRegistry(options.storage.artifacts, {
    ...options.artifacts,
    onEvent: (projectId) => feed.notify(projectId),
    // The names online evaluation gives its scores (see OnlineEvalJob).
    scoredEvaluators: async (projectId) =>
      scoredEvaluatorNames(await options.storage.evals.online.getSamplingRules(projectId)),
  });
  artifactRoutes(context, registry, feed);
  keyRoutes(context, options.resolver);
  await healthRoutes(app, {
    storage: options.storage,
    pendingSpans: options.pendingSpans ?? (() => 0),
  });
}
