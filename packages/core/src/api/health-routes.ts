import { Type } from './type-builder.js';
import { defineRoute } from './route-contract.js';
import { stringEnum } from './schema-helpers.js';

/** GET /api/health (no key needed: load balancers and the CLI probe it). */
export const getHealth = defineRoute({
  method: 'GET',
  path: '/api/health',
  summary: 'Liveness and the storage backend in use',
  tags: ['meta'],
  response: {
    200: Type.Object({
      status: stringEnum(['ok']),
      storage: Type.String(),
      version: Type.String(),
    }),
  },
  errors: [],
});
