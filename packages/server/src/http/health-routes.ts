import { createRequire } from 'node:module';
import { API_ROUTES } from '@glassbox/core/api';
import type { Storage } from '@glassbox/store';
import type { FastifyInstance } from 'fastify';
import { contractRoute } from './contract-route.js';

// src/ and dist/ both sit one level below the package root.
const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** The server's own version, from its package.json. */
export const SERVER_VERSION = version;

/** GET /api/health (no key needed: load balancers and the CLI probe it). */
export async function healthRoutes(
  app: FastifyInstance,
  options: { storage: Storage },
): Promise<void> {
  contractRoute(app, API_ROUTES.getHealth, async () => ({
    status: 'ok' as const,
    storage: options.storage.backend,
    version: SERVER_VERSION,
  }));
}
