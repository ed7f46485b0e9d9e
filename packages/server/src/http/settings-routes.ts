import { API_ROUTES } from '@glassbox/core/api';
import { DEFAULT_THRESHOLDS, resolveThresholds } from '@glassbox/core/classify';
import type { Storage } from '@glassbox/store';
import { recordAudit } from './audit-trail.js';
import { projectIdOf } from './auth/project-hook.js';
import type { RouteContext } from './route-context.js';

async function thresholdSettings(storage: Storage, projectId: string) {
  const overrides = await storage.projects.getThresholds(projectId);
  return { thresholds: resolveThresholds(overrides), overrides, defaults: DEFAULT_THRESHOLDS };
}

/** GET and PUT /api/settings/thresholds: the caller's project's classifier thresholds. */
export function settingsRoutes({ storage, route }: RouteContext): void {
  route(API_ROUTES.getThresholds, async (request) =>
    thresholdSettings(storage, projectIdOf(request)),
  );

  route(API_ROUTES.putThresholds, async (request) => {
    const projectId = projectIdOf(request);
    const before = await storage.projects.getThresholds(projectId);
    await storage.projects.setThresholds(projectId, request.body);
    await recordAudit(storage, request, 'settings.thresholds', 'thresholds', before, request.body);
    return thresholdSettings(storage, projectId);
  });
}
