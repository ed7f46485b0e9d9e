import { API_ROUTES } from '@glassbox/core/api';
import { diagnoseTrace } from '@glassbox/core/diagnose';
import { ApiError } from '../errors/api-error.js';
import { projectIdOf } from './auth/project-hook.js';
import type { RouteContext } from './route-context.js';
import { parseDurationParam } from './parse-duration-param.js';
import { parseTimeParam } from './parse-time-param.js';

const DAY_MS = 86_400_000;

/** GET /api/traces/:traceId/diagnosis and /api/failures/summary, scoped by project. */
export function failureRoutes({ storage, route }: RouteContext): void {
  route(API_ROUTES.getDiagnosis, async (request) => {
    const projectId = projectIdOf(request);
    const traceId = request.params.traceId.toLowerCase();
    const [detail, findings] = await Promise.all([
      storage.traces.getTrace(projectId, traceId),
      storage.traces.getFindings(projectId, traceId),
    ]);
    if (!detail) throw new ApiError('not_found', `trace ${traceId} not found`);
    return diagnoseTrace(detail.spans, findings);
  });

  route(API_ROUTES.getFailureSummary, async (request) => {
    const to = parseTimeParam('to', request.query.to) ?? Date.now();
    const from = parseTimeParam('from', request.query.from) ?? to - DAY_MS;
    const bucketMs = parseDurationParam('bucket', request.query.bucket);
    return storage.traces.failureSummary({ projectId: projectIdOf(request), from, to, bucketMs });
  });
}
