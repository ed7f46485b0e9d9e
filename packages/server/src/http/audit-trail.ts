import type { Storage } from '@glassbox/store';
import type { FastifyRequest } from 'fastify';
import { callerOf } from './auth/project-hook.js';

/**
 * Records in the audit log that the caller of `request` did `action` to `target`.
 *
 * @example
 * await recordAudit(storage, request, 'monitor.deleted', id, before, null);
 */
export async function recordAudit(
  storage: Storage,
  request: FastifyRequest,
  action: string,
  target: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  const caller = callerOf(request);
  await storage.audit.append({
    projectId: caller.projectId,
    atMs: Date.now(),
    actor: caller.actor,
    action,
    target,
    before: before ?? null,
    after: after ?? null,
  });
}
