import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { documentedErrorBody } from '../errors/documented-error-body.js';

/**
 * Publishes the OpenAPI document at GET /api/openapi.json. @fastify/swagger builds it from
 * the routes registered after this, whose schemas all come from the contract in
 * `@glassbox/core/api`.
 */
export async function openApi(app: FastifyInstance, options: { version: string }): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Glassbox API',
        version: options.version,
        description:
          'OTLP/HTTP receiver and query API. Send `Authorization: Bearer <key>` once API keys exist.',
      },
      components: { schemas: { ErrorBody: documentedErrorBody } },
    },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
