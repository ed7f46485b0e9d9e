import { API_ROUTES } from '@glassbox/core/api';
import { ApiError } from '../errors/api-error.js';
import { workspacePortsOf } from '../services/incidents/index.js';
import { polishPostmortem } from '../services/incidents/polish-postmortem.js';
import { ReplayServiceError, type ReplayProviders } from '../services/replay/index.js';
import { projectIdOf } from './auth/project-hook.js';
import { asApi } from './incident-workspace-routes.js';
import type { RouteContext } from './route-context.js';

/** POST /api/incidents/:id/postmortem/polish, through the providers replay uses. */
export function incidentPolishRoute(
  { storage, route }: RouteContext,
  providers: ReplayProviders,
): void {
  const ports = workspacePortsOf(storage);
  route(API_ROUTES.polishPostmortem, (request) =>
    asApi(async () => {
      try {
        return await polishPostmortem(
          ports,
          providers,
          projectIdOf(request),
          request.params.id,
          request.body.model,
        );
      } catch (error) {
        if (error instanceof ReplayServiceError) throw new ApiError(error.code, error.message);
        throw error;
      }
    }),
  );
}
