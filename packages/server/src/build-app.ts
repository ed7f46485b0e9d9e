import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { errorBodySchema } from './api/api-schemas.js';
import { failureRoutes } from './api/failure-routes.js';
import { healthRoutes, SERVER_VERSION } from './api/health-routes.js';
import { settingsRoutes } from './api/settings-routes.js';
import { traceRoutes } from './api/trace-routes.js';
import { ProjectResolver } from './auth/project-resolver.js';
import { ApiError } from './errors/api-error.js';
import { formatValidationErrors } from './errors/format-validation-errors.js';
import { toApiError } from './errors/to-api-error.js';
import { detectionPlugin } from './detection/detection-plugin.js';
import { IngestPipeline } from './ingest/ingest-pipeline.js';
import { otlpRoutes } from './otlp/otlp-routes.js';
import { DEFAULT_MAX_BODY_BYTES, type ServerOptions } from './server-options.js';

/**
 * Builds the Fastify app (OTLP receiver, query API, OpenAPI document, optional UI) without
 * listening, so tests can drive it with `app.inject`.
 *
 * @example
 * const app = await buildApp({ storage: createMemoryStorage(), host: '127.0.0.1', port: 0 });
 * await app.inject({ method: 'GET', url: '/api/health' });
 */
export async function buildApp(options: ServerOptions): Promise<FastifyInstance> {
  const { storage } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: maxBodyBytes,
    // Unknown query parameters are refused rather than silently stripped: a typo'd filter
    // must not return everything.
    ajv: { customOptions: { removeAdditional: false } },
    schemaErrorFormatter: formatValidationErrors,
  });
  const resolver = new ProjectResolver(storage.projects);
  const pipeline = new IngestPipeline(storage.traces, {
    ...options.writeQueue,
    ...(options.classifyFailures === false
      ? {}
      : { thresholdsOf: (projectId: string) => storage.projects.getThresholds(projectId) }),
    onThresholdsError: (projectId, err) =>
      app.log.warn({ err, projectId }, 'stored thresholds refused; classifying with defaults'),
  });
  app.addHook('onClose', () => pipeline.close());

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Glassbox API',
        version: SERVER_VERSION,
        description:
          'OTLP/HTTP receiver and query API. Send `Authorization: Bearer <key>` once API keys exist.',
      },
      components: { schemas: { ErrorBody: errorBodySchema as Record<string, unknown> } },
    },
  });

  app.setErrorHandler((error, request, reply) => {
    const apiError = toApiError(error);
    if (apiError.code === 'internal') request.log.error({ err: error }, 'request failed');
    if (apiError.retryAfterSeconds !== undefined) {
      void reply.header('retry-after', String(apiError.retryAfterSeconds));
    }
    return reply
      .code(apiError.statusCode)
      .send({ error: { code: apiError.code, message: apiError.message } });
  });

  await app.register(otlpRoutes, { pipeline, resolver, maxBodyBytes });
  await app.register(traceRoutes, { storage, resolver });
  await app.register(failureRoutes, { storage, resolver });
  await app.register(settingsRoutes, { storage, resolver });
  await app.register(healthRoutes, { storage });
  await app.register(detectionPlugin, {
    storage,
    resolver,
    ...(options.detection ? { detection: options.detection } : {}),
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (options.uiDir) {
    await app.register(fastifyStatic, { root: options.uiDir, wildcard: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const isApi = path.startsWith('/api/') || path === '/api' || path.startsWith('/v1/');
    if (options.uiDir && !isApi && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply.type('text/html').sendFile('index.html');
    }
    throw new ApiError('not_found', `no route ${request.method} ${path}`);
  });
  return app;
}
