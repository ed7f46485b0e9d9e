import { API_ROUTES } from '@glassbox/core/api';
import type { ApiKeyRecord } from '@glassbox/store';
import { ApiError } from '../errors/api-error.js';
import { recordAudit } from './audit-trail.js';
import { projectIdOf } from './auth/project-hook.js';
import type { ProjectResolver } from './auth/project-resolver.js';
import type { RouteContext } from './route-context.js';

const DAY_MS = 86_400_000;

/** What the audit log keeps of a key: never the key, nor its hash. */
const keySummary = (k: ApiKeyRecord) => ({
  prefix: k.prefix,
  scopes: k.scopes,
  expiresAtMs: k.expiresAtMs,
  revokedAtMs: k.revokedAtMs,
});

/** The admin API for keys: list, create, revoke, rotate; every change audited. */
export function keyRoutes({ storage, route }: RouteContext, resolver: ProjectResolver): void {
  const { projects } = storage;

  const existing = async (projectId: string, idOrPrefix: string): Promise<ApiKeyRecord> => {
    const found = await projects.findApiKey(projectId, idOrPrefix);
    if (!found) throw new ApiError('not_found', `no key "${idOrPrefix}" in this project`);
    return found;
  };

  route(API_ROUTES.listApiKeys, async (request) => ({
    items: await projects.listApiKeys(projectIdOf(request)),
  }));

  route(API_ROUTES.createApiKey, async (request, reply) => {
    const { scopes, expiresInDays } = request.body;
    const created = await projects.createApiKey(projectIdOf(request), {
      ...(scopes ? { scopes } : {}),
      ...(expiresInDays ? { expiresAtMs: Date.now() + expiresInDays * DAY_MS } : {}),
    });
    await recordAudit(
      storage,
      request,
      'key.created',
      created.record.prefix,
      null,
      keySummary(created.record),
    );
    return reply.code(201).send(created);
  });

  route(API_ROUTES.revokeApiKey, async (request) => {
    const projectId = projectIdOf(request);
    const before = await existing(projectId, request.params.id);
    const after = await projects.revokeApiKey(projectId, before.id, Date.now());
    if (!after) throw new ApiError('not_found', `no key "${request.params.id}" in this project`);
    resolver.forget();
    await recordAudit(
      storage,
      request,
      'key.revoked',
      after.prefix,
      keySummary(before),
      keySummary(after),
    );
    return after;
  });

  route(API_ROUTES.rotateApiKey, async (request, reply) => {
    const projectId = projectIdOf(request);
    const before = await existing(projectId, request.params.id);
    const rotated = await projects.rotateApiKey(
      projectId,
      before.id,
      request.body.graceSeconds * 1000,
      Date.now(),
    );
    if (!rotated) throw new ApiError('not_found', `no key "${request.params.id}" in this project`);
    resolver.forget();
    await recordAudit(storage, request, 'key.rotated', before.prefix, keySummary(before), {
      old: keySummary(rotated.old),
      new: keySummary(rotated.record),
    });
    return reply.code(201).send(rotated);
  });
}
