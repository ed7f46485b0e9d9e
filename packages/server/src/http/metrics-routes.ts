import { API_ROUTES } from '@glassbox/core/api';
import { DetectError, parseSegment, rollup } from '@glassbox/core/detect';
import { ApiError } from '../errors/api-error.js';
import { projectIdOf } from './auth/project-hook.js';
import { parseTimeParam } from './parse-time-param.js';
import type { RouteContext } from './route-context.js';

/** Most observations one metrics query reads. */
export const METRICS_MAX_OBSERVATIONS = 200_000;
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** GET /api/metrics?metric&segment&from&to&bucket: a metric per event-time bucket. */
export function metricsRoutes({ storage, route }: RouteContext): void {
  route(API_ROUTES.getMetrics, async (request) => {
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
      const observations = await storage.detection.listObservations({
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
  });
}
