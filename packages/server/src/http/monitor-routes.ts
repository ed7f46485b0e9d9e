import { API_ROUTES, type MonitorView } from '@glassbox/core/api';
import {
  checkMonitor,
  DetectError,
  monitorArming,
  type MonitorDefinition,
} from '@glassbox/core/detect';
import type { StoredMonitor } from '@glassbox/store';
import { ApiError } from '../errors/api-error.js';
import { recordAudit } from './audit-trail.js';
import { projectIdOf } from './auth/project-hook.js';
import type { RouteContext } from './route-context.js';

function view(m: StoredMonitor): MonitorView {
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
      arming: monitorArming(m.definition, p?.state),
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
export function monitorRoutes({ storage, route }: RouteContext): void {
  const store = storage.detection;

  route(API_ROUTES.listMonitors, async (request) => ({
    items: (await store.listMonitors(projectIdOf(request))).map(view),
  }));

  route(API_ROUTES.getMonitor, async (request) => {
    const m = await store.getMonitor(projectIdOf(request), request.params.id);
    if (!m) throw new ApiError('not_found', `monitor ${request.params.id} not found`);
    return view(m);
  });

  route(API_ROUTES.createMonitor, async (request, reply) => {
    const projectId = projectIdOf(request);
    const definition = definitionFrom(request.body);
    if (await store.getMonitor(projectId, definition.id)) {
      throw new ApiError(
        'invalid_request',
        `monitor ${definition.id} already exists; PUT /api/monitors/${definition.id} replaces it`,
      );
    }
    await store.putMonitor({ projectId, definition, origin: 'api', updatedAtMs: Date.now() });
    await recordAudit(storage, request, 'monitor.created', definition.id, null, definition);
    return reply
      .code(201)
      .send(view((await store.getMonitor(projectId, definition.id)) as StoredMonitor));
  });

  route(API_ROUTES.putMonitor, async (request) => {
    const projectId = projectIdOf(request);
    const definition = definitionFrom(request.body, request.params.id);
    const before = await store.getMonitor(projectId, definition.id);
    await store.putMonitor({ projectId, definition, origin: 'api', updatedAtMs: Date.now() });
    await recordAudit(
      storage,
      request,
      'monitor.updated',
      definition.id,
      before?.definition ?? null,
      definition,
    );
    return view((await store.getMonitor(projectId, definition.id)) as StoredMonitor);
  });

  route(API_ROUTES.deleteMonitor, async (request, reply) => {
    const projectId = projectIdOf(request);
    const before = await store.getMonitor(projectId, request.params.id);
    if (!(await store.deleteMonitor(projectId, request.params.id)))
      throw new ApiError('not_found', `monitor ${request.params.id} not found`);
    await recordAudit(
      storage,
      request,
      'monitor.deleted',
      request.params.id,
      before?.definition ?? null,
      null,
    );
    return reply.code(204).send();
  });
}
