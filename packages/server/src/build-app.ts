import { availableParallelism } from 'node:os';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { DEFAULT_MAX_ATTRIBUTE_BYTES } from '@glassbox/core/normalize';
import { formatValidationErrors } from './errors/format-validation-errors.js';
import { ProjectResolver } from './http/auth/project-resolver.js';
import { handleError } from './http/error-handler.js';
import { SERVER_VERSION } from './http/health-routes.js';
import { notFoundHandler } from './http/not-found.js';
import { openApi } from './http/openapi.js';
import { otlpRoutes } from './http/otlp-routes.js';
import { queryApi } from './http/query-api.js';
import { IngestPipeline } from './services/ingest/ingest-pipeline.js';
import { workerPreparer } from './services/ingest/span-preparer.js';
import {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_REPLAY_MAX_TRIALS,
  type ServerOptions,
} from './server-options.js';
import {
  createReplayProviders,
  inProcessJudging,
  startJudgingThreads,
} from './services/replay/index.js';
import { onlineEvalPlugin } from './services/evals/online-eval-plugin.js';
import { detectionPlugin } from './services/detection/detection-plugin.js';
import { retentionPlugin } from './services/retention/retention-plugin.js';

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
    // Plugins start worker threads that open their own connections; on a busy machine that
    // takes longer than Fastify's 10 s default, and a refused start helps nobody.
    pluginTimeout: 60_000,
    // Unknown query parameters are refused rather than silently stripped: a typo'd filter
    // must not return everything.
    ajv: { customOptions: { removeAdditional: false } },
    schemaErrorFormatter: formatValidationErrors,
  });
  const resolver = new ProjectResolver(storage.projects, Date.now, (err) =>
    app.log.warn({ err }, 'could not record when an API key was last used'),
  );
  const maxAttributeBytes = options.maxAttributeBytes ?? DEFAULT_MAX_ATTRIBUTE_BYTES;
  const ingestThreads =
    options.ingestThreads ?? (storage.location !== undefined ? availableParallelism() : 0);
  if (!Number.isInteger(ingestThreads) || ingestThreads < 0) {
    throw new Error(
      `ingestThreads must be a whole number of threads, 0 or more; got ${ingestThreads}`,
    );
  }
  const pipeline = new IngestPipeline(storage.traces, {
    ...options.writeQueue,
    maxAttributeBytes,
    ...(ingestThreads > 0 ? { preparer: workerPreparer(maxAttributeBytes, ingestThreads) } : {}),
    ...(options.classifyFailures === false
      ? {}
      : { thresholdsOf: (projectId: string) => storage.projects.getThresholds(projectId) }),
    // Large traces are classified by the detection job once quiet; without it, at every write.
    ...(options.detection?.enabled === false ? { largeTraceSpans: Infinity } : {}),
    onThresholdsError: (projectId, err) =>
      app.log.warn({ err, projectId }, 'stored thresholds refused; classifying with defaults'),
  });
  app.addHook('onClose', () => pipeline.close());

  await openApi(app, { version: SERVER_VERSION });
  app.setErrorHandler(handleError);
  await app.register(otlpRoutes, { pipeline, resolver, maxBodyBytes, maxAttributeBytes });
  const replay = {
    providers: createReplayProviders(options.replay?.providers, options.replay?.env ?? process.env),
    maxTrials: options.replay?.maxTrials ?? DEFAULT_REPLAY_MAX_TRIALS,
    judging: options.replay?.judging === 'in-process' ? inProcessJudging : startJudgingThreads(),
  };
  app.addHook('onClose', () => replay.judging.close());
  await app.register(queryApi, {
    storage,
    resolver,
    replay,
    pendingSpans: () => pipeline.pendingSpans,
    ...(options.artifacts ? { artifacts: options.artifacts } : {}),
  });
  await app.register(detectionPlugin, {
    storage,
    detection: { classifyFailures: options.classifyFailures !== false, ...options.detection },
  });

  await app.register(onlineEvalPlugin, {
    storage,
    onlineEval: {
      ...(options.replay?.providers ? { providers: options.replay.providers } : {}),
      ...options.onlineEval,
    },
  });
  await app.register(retentionPlugin, {
    storage,
    // Sweep batches write between ingest commits, never making a commit wait for the lock.
    writeTurn: (work) => pipeline.betweenCommits(work),
    ...(options.retention ? { retention: options.retention } : {}),
  });

  if (options.uiDir) {
    await app.register(fastifyStatic, { root: options.uiDir, wildcard: false });
  }
  app.setNotFoundHandler(notFoundHandler(options.uiDir !== undefined));
  return app;
}
