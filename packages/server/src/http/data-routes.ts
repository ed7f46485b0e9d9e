import { statfs } from 'node:fs/promises';
import { API_ROUTES } from '@glassbox/core/api';
import type { DeletionSelector, Storage } from '@glassbox/store';
import { ApiError } from '../errors/api-error.js';
import { recordAudit } from './audit-trail.js';
import { projectIdOf } from './auth/project-hook.js';
import type { RouteContext } from './route-context.js';

/** Free bytes on the data directory's disk, or null where there is none to ask (PostgreSQL, memory). */
export async function diskFreeBytes(storage: Storage): Promise<number | null> {
  const dir = storage.location?.databaseUrl === undefined ? storage.location?.dataDir : undefined;
  if (dir === undefined) return null;
  const stats = await statfs(dir);
  return stats.bavail * stats.bsize;
}

/** Deletion on request, retention settings and usage; deletions and changes are audited. */
export function dataRoutes({ storage, route }: RouteContext): void {
  const { maintenance } = storage;

  route(API_ROUTES.deleteData, async (request) => {
    const given = Object.entries(request.body).filter(([, v]) => v !== undefined);
    if (given.length !== 1) {
      throw new ApiError(
        'invalid_request',
        `name exactly one of traceId, sessionId or userId to delete (got ${given.length})`,
      );
    }
    const [name, value] = given[0] as [string, string];
    const result = await maintenance.deleteTraces(projectIdOf(request), {
      [name]: value,
    } as DeletionSelector);
    await recordAudit(storage, request, 'data.deleted', `${name}:${value}`, null, result);
    return result;
  });

  route(API_ROUTES.getRetention, async (request) => maintenance.getRetention(projectIdOf(request)));

  route(API_ROUTES.putRetention, async (request) => {
    const projectId = projectIdOf(request);
    const before = await maintenance.getRetention(projectId);
    await maintenance.setRetention(projectId, request.body);
    const after = await maintenance.getRetention(projectId);
    await recordAudit(storage, request, 'settings.retention', 'retention', before, after);
    return after;
  });

  route(API_ROUTES.getUsage, async (request) => ({
    project: await maintenance.usage(projectIdOf(request)),
    databaseBytes: await maintenance.databaseBytes(),
    diskFreeBytes: await diskFreeBytes(storage),
  }));
}
