import { createRequire } from 'node:module';
import type { Storage } from '@glassbox/store';
import type { FastifyInstance } from 'fastify';
import { healthResponseSchema } from './api-schemas.js';

// src/ and dist/ both sit one level below the package root.
const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** The server's own version, from its package.json. */
export const SERVER_VERSION = version;

/** GET /api/health (no key needed: load balancers and the CLI probe it). */
export async function healthRoutes(
  app: FastifyInstance,
  options: { storage: Storage },
): Promise<void> {
  app.get(
    '/api/health',
    {
      schema: {
        summary: 'Liveness and the storage backend in use',
        tags: ['meta'],
        response: { 200: healthResponseSchema },
      },
    },
    async () => ({ status: 'ok', storage: options.storage.backend, version: SERVER_VERSION }),
  );
}
