import { checkMonitor, DetectError, type MonitorDefinition } from '@glassbox/core/detect';
import type { StoredMonitor } from '@glassbox/store';
import type { FastifyInstance } from 'fastify';
import { scopedErrorResponses } from '../api/api-schemas.js';
import { projectIdOf } from '../auth/project-hook.js';
import { ApiError } from '../errors/api-error.js';
import { TAGS as tags, withErrors, type DetectionRouteContext } from './detection-route-context.js';
import { idParamsSchema, itemsOf, monitorBodySchema, monitorSchema } from './detection-schemas.js';

function view(m: StoredMonitor): Record<string, unknown> {
  const p = m.progress;
  return {
    ...m.definition,
    origin: m.origin,
    updatedAtMs: m.updatedAtMs,
    progress: {
      seen: p?.state?.seen ?? 0,
      alarmed: p?.state?.alarmed ?? false,
      lateDropped: p?.lateDropped ?? 0,
      ...(p?.watermark ? { watermarkMs: p.watermark.ms } : {}),
    },
  };
}
function definitionFrom(body: unknown, id?: string): MonitorDefinition {
  const input =
    id !== undefined && typeof body === 'object' && body !== null && !('id' in body)
      ? { ...body, id }
      : body;
  try {
    const definition = checkMonitor(input, 'body');
    if (id !== undefined && definition.id !== id) {
      throw new ApiError(
        'invalid_request',
        `body.id "${definition.id}" differs from the id in the path "${id}"`,
      );
    }
    return definition;
  } catch (error) {
    if (error instanceof DetectError) throw new ApiError('invalid_request', error.message);
    throw error;
  }
}
/** GET/POST /api/monitors, GET/PUT/DELETE /api/monitors/:id. */
export function monitorRoutes(
  app: FastifyInstance,
  { store, onRequest }: DetectionRouteContext,
): void {
  app.get(
    '/api/monitors',
    {
      onRequest,
      schema: {
        summary: 'List monitors',
        tags,
        response: { 200: itemsOf(monitorSchema), ...scopedErrorResponses },
      },
    },
    async (request) => ({
      items: (await store.listMonitors(projectIdOf(request))).map(view),
    }),
  );

  app.get<{ Params: { id: string } }>(
    '/api/monitors/:id',
    {
      onRequest,
      schema: {
        summary: 'One monitor',
        tags,
        params: idParamsSchema,
        response: { 200: monitorSchema, ...withErrors },
      },
    },
    async (request) => {
      const m = await store.getMonitor(projectIdOf(request), request.params.id);
      if (!m) throw new ApiError('not_found', `monitor ${request.params.id} not found`);
      return view(m);
    },
  );

  app.post(
    '/api/monitors',
    {
      onRequest,
      schema: {
        summary: 'Create a monitor',
        tags,
        body: monitorBodySchema,
        response: { 201: monitorSchema, ...scopedErrorResponses },
      },
    },
    async (request, reply) => {
      const projectId = projectIdOf(request);
      const definition = definitionFrom(request.body);
      if (await store.getMonitor(projectId, definition.id)) {
        throw new ApiError(
          'invalid_request',
          `monitor ${definition.id} already exists; PUT /api/monitors/${definition.id} replaces it`,
        );
      }
      await store.putMonitor({ projectId, definition, origin: 'api', updatedAtMs: Date.now() });
      return reply
        .code(201)
        .send(view((await store.getMonitor(projectId, definition.id)) as StoredMonitor));
    },
  );

  app.put<{ Params: { id: string } }>(
    '/api/monitors/:id',
    {
      onRequest,
      schema: {
        summary: 'Create or replace a monitor (its evaluation restarts)',
        tags,
        params: idParamsSchema,
        body: monitorBodySchema,
        response: { 200: monitorSchema, ...scopedErrorResponses },
      },
    },
    async (request) => {
      const projectId = projectIdOf(request);
      const definition = definitionFrom(request.body, request.params.id);
      await store.putMonitor({ projectId, definition, origin: 'api', updatedAtMs: Date.now() });
      return view((await store.getMonitor(projectId, definition.id)) as StoredMonitor);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/monitors/:id',
    {
      onRequest,
      schema: {
        summary: 'Delete a monitor',
        tags,
        params: idParamsSchema,
        response: { 204: { type: 'null' }, ...withErrors },
      },
    },
    async (request, reply) => {
      if (!(await store.deleteMonitor(projectIdOf(request), request.params.id)))
        throw new ApiError('not_found', `monitor ${request.params.id} not found`);
      return reply.code(204).send();
    },
  );
}
