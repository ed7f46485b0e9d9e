import {
  checkMonitor,
  DetectError,
  parseSegment,
  rollup,
  type MonitorDefinition,
} from '@glassbox/core';
import type { AlertStatus, IncidentStatus } from '@glassbox/core';
import type { Storage, StoredMonitor } from '@glassbox/store';
import type { FastifyInstance } from 'fastify';
import { projectHook, projectIdOf } from '../auth/project-hook.js';
import type { ProjectResolver } from '../auth/project-resolver.js';
import { ApiError } from '../errors/api-error.js';
import { errorBodySchema, scopedErrorResponses } from '../api/api-schemas.js';
import { parseTimeParam } from '../api/parse-time-param.js';
import {
  alertListQuerySchema,
  documentSchema,
  idParamsSchema,
  incidentListQuerySchema,
  itemsOf,
  metricsQuerySchema,
  monitorBodySchema,
  monitorSchema,
} from './detection-schemas.js';

/** Most observations one metrics query reads. */
export const METRICS_MAX_OBSERVATIONS = 200_000;
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const withErrors = { ...scopedErrorResponses, 404: errorBodySchema };

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

/** /api/monitors (CRUD), /api/alerts (+ ack), /api/incidents and /api/metrics, project-scoped. */
export async function detectionRoutes(
  app: FastifyInstance,
  options: { storage: Storage; resolver: ProjectResolver },
): Promise<void> {
  const store = options.storage.detection;
  const onRequest = projectHook(options.resolver);
  const tags = ['detection'];

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

  app.get<{ Querystring: { status?: AlertStatus; monitorId?: string; limit: number } }>(
    '/api/alerts',
    {
      onRequest,
      schema: {
        summary: 'List alerts, newest first',
        tags,
        querystring: alertListQuerySchema,
        response: { 200: itemsOf(documentSchema), ...scopedErrorResponses },
      },
    },
    async (request) => {
      const { status, monitorId, limit } = request.query;
      return {
        items: await store.listAlerts({
          projectId: projectIdOf(request),
          limit,
          ...(status ? { status } : {}),
          ...(monitorId ? { monitorId } : {}),
        }),
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/alerts/:id',
    {
      onRequest,
      schema: {
        summary: 'One alert with its evidence and chart data',
        tags,
        params: idParamsSchema,
        response: { 200: documentSchema, ...withErrors },
      },
    },
    async (request) => {
      const alert = await store.getAlert(projectIdOf(request), request.params.id);
      if (!alert) throw new ApiError('not_found', `alert ${request.params.id} not found`);
      return alert;
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/alerts/:id/ack',
    {
      onRequest,
      schema: {
        summary: 'Acknowledge an open alert',
        tags,
        params: idParamsSchema,
        response: { 200: documentSchema, ...withErrors },
      },
    },
    async (request) => {
      const projectId = projectIdOf(request);
      const alert = await store.getAlert(projectId, request.params.id);
      if (!alert) throw new ApiError('not_found', `alert ${request.params.id} not found`);
      if (alert.status === 'resolved')
        throw new ApiError('invalid_request', `alert ${alert.id} is already resolved`);
      const acked = { ...alert, status: 'acknowledged' as const };
      await store.putAlerts([acked]);
      return acked;
    },
  );

  app.get<{ Querystring: { status?: IncidentStatus; limit: number } }>(
    '/api/incidents',
    {
      onRequest,
      schema: {
        summary: 'List incidents, newest first',
        tags,
        querystring: incidentListQuerySchema,
        response: { 200: itemsOf(documentSchema), ...scopedErrorResponses },
      },
    },
    async (request) => {
      const { status, limit } = request.query;
      return {
        items: await store.listIncidents({
          projectId: projectIdOf(request),
          limit,
          ...(status ? { status } : {}),
        }),
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/incidents/:id',
    {
      onRequest,
      schema: {
        summary: 'One incident with its timeline and alerts',
        tags,
        params: idParamsSchema,
        response: { 200: documentSchema, ...withErrors },
      },
    },
    async (request) => {
      const projectId = projectIdOf(request);
      const incident = await store.getIncident(projectId, request.params.id);
      if (!incident) throw new ApiError('not_found', `incident ${request.params.id} not found`);
      const alerts = await Promise.all(
        incident.alertIds.map((id) => store.getAlert(projectId, id)),
      );
      return { ...incident, alerts: alerts.filter((a) => a !== undefined) };
    },
  );

  app.get<{
    Querystring: { metric: string; segment?: string; from?: string; to?: string; bucket?: string };
  }>(
    '/api/metrics',
    {
      onRequest,
      schema: {
        summary: 'A metric rolled up per event-time bucket and segment',
        tags,
        querystring: metricsQuerySchema,
        response: { 200: documentSchema, ...scopedErrorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const to = parseTimeParam('to', q.to) ?? Date.now();
      const from = parseTimeParam('from', q.from) ?? to - 86_400_000;
      const match = q.bucket === undefined ? undefined : /^(\d+)(ms|s|m|h|d)?$/.exec(q.bucket);
      const bucketMs = match
        ? Number(match[1]) * (UNITS[match[2] ?? 'ms'] as number)
        : Math.max(1000, Math.ceil((to - from) / 60));
      try {
        const segment = parseSegment(q.segment);
        const request_ = { metric: q.metric, bucketMs, from, to, ...(segment ? { segment } : {}) };
        rollup([], request_);
        const observations = await store.listObservations({
          projectId: projectIdOf(request),
          from,
          to,
          limit: METRICS_MAX_OBSERVATIONS,
        });
        return {
          metric: q.metric,
          from,
          to,
          bucketMs,
          ...(segment ? { segment } : {}),
          truncated: observations.length >= METRICS_MAX_OBSERVATIONS,
          points: rollup(observations, request_),
        };
      } catch (error) {
        if (error instanceof DetectError)
          throw new ApiError(
            'invalid_request',
            `querystring/${error.path ?? 'metric'}: ${error.message}`,
          );
        throw error;
      }
    },
  );
}
