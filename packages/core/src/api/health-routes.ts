import { Type } from './type-builder.js';
import { defineRoute } from './route-contract.js';
import { stringEnum } from './schema-helpers.js';

const nullableNumber = Type.Union([Type.Number(), Type.Null()]);

/**
 * GET /api/health (no key needed: load balancers and the CLI probe it). Answers 503 with the
 * same body when storage cannot be reached or written, so a load balancer can act.
 */
export const getHealth = defineRoute({
  method: 'GET',
  path: '/api/health',
  summary: 'Liveness and the storage backend in use; 503 with the same body when storage fails',
  tags: ['meta'],
  response: {
    200: Type.Object({
      status: stringEnum(['ok', 'unhealthy']),
      storage: Type.String(),
      version: Type.String(),
      checks: Type.Optional(
        Type.Object({
          storageReachable: Type.Boolean(),
          storageWritable: Type.Boolean(),
          storageError: Type.Optional(Type.String()),
          ingestQueueSpans: Type.Integer({ description: 'Spans queued or being committed' }),
          backgroundLagMs: Type.Union([Type.Number(), Type.Null()], {
            description: 'Age of the oldest trace change detection has not processed yet',
          }),
          backgroundBacklog: Type.Union([Type.Integer(), Type.Null()]),
          diskFreeBytes: nullableNumber,
          databaseBytes: nullableNumber,
        }),
      ),
    }),
  },
  errors: [],
});
