import { API_ROUTES } from '@glassbox/core/api';
import { ApiError } from '../errors/api-error.js';
import {
  IncidentEvalRefused,
  runIncidentEval,
  workspacePortsOf,
} from '../services/incidents/index.js';
import { projectIdOf } from './auth/project-hook.js';
import { asApi } from './incident-workspace-routes.js';
import { replayApiError, type ReplayRouteOptions } from './replay-routes.js';
import type { RouteContext } from './route-context.js';

const DEFAULT_TRIALS = 3;

/** POST /api/incidents/:id/evals: failing traces to a dataset, replayed and judged as a run. */
export function incidentEvalRoute(
  { storage, route }: RouteContext,
  options: Pick<ReplayRouteOptions, 'providers' | 'judging'>,
): void {
  const ports = {
    workspace: workspacePortsOf(storage),
    storage,
    providers: options.providers,
    judging: options.judging,
  };
  route(API_ROUTES.runIncidentEval, async (request, reply) => {
    const { body } = request;
    const result = await asApi(async () => {
      try {
        return await runIncidentEval(ports, projectIdOf(request), request.params.id, {
          author: body.author,
          dataset: body.dataset,
          trials: body.trials ?? DEFAULT_TRIALS,
          ...(body.traceIds ? { traceIds: body.traceIds } : {}),
          ...(body.overrides ? { overrides: body.overrides } : {}),
          ...(body.expected ? { expected: body.expected } : {}),
          ...(body.assertions ? { assertions: body.assertions } : {}),
        });
      } catch (error) {
        if (error instanceof IncidentEvalRefused)
          throw new ApiError('invalid_request', error.message);
        throw replayApiError(error);
      }
    });
    return reply.code(201).send(result);
  });
}
