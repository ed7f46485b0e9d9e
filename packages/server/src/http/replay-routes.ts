import { API_ROUTES, type ApiErrorCode } from '@glassbox/core/api';
import { ReplayError } from '@glassbox/core/replay';
import { ApiError } from '../errors/api-error.js';
import {
  bisectTrace,
  replaySpan,
  ReplayServiceError,
  saveReplayRun,
  type ReplayProviders,
  type TrialJudging,
} from '../services/replay/index.js';
import { projectIdOf } from './auth/project-hook.js';
import type { RouteContext } from './route-context.js';

/** What the replay routes need beyond storage. */
export interface ReplayRouteOptions {
  providers: ReplayProviders;
  /** The most trials one request may ask for (default 50). */
  maxTrials: number;
  /** Where replayed answers are judged: worker threads, off the ingest event loop. */
  judging: TrialJudging;
}

const CORE_CODES: Record<ReplayError['code'], ApiErrorCode> = {
  span_not_replayable: 'span_not_replayable',
  invalid_override: 'invalid_request',
  invalid_bisection: 'invalid_request',
  invalid_evaluator: 'invalid_request',
  budget_too_small: 'budget_too_small',
};

/** Replay and bisection errors as API errors; anything else is returned as it is. */
export function replayApiError(error: unknown): unknown {
  if (error instanceof ReplayError) return new ApiError(CORE_CODES[error.code], error.message);
  if (error instanceof ReplayServiceError) return new ApiError(error.code, error.message);
  return error;
}

/** POST /api/traces/:traceId/spans/:spanId/replays and /api/traces/:traceId/bisect. */
export function replayRoutes({ storage, route }: RouteContext, options: ReplayRouteOptions): void {
  const ports = { traces: storage.traces, projects: storage.projects };
  const checkTrials = (trials: number) => {
    if (trials > options.maxTrials)
      throw new ApiError(
        'invalid_request',
        `trials ${trials} exceeds this server's limit of ${options.maxTrials} (serve --replay-max-trials)`,
      );
  };

  route(API_ROUTES.replaySpan, async (request) => {
    const { traceId, spanId } = request.params;
    const body = request.body;
    const trials = body.trials ?? 1;
    checkTrials(trials);
    const projectId = projectIdOf(request);
    try {
      const result = await replaySpan(ports, options.providers, projectId, traceId, spanId, {
        trials,
        judging: options.judging,
        ...(body.overrides ? { overrides: body.overrides } : {}),
        ...(body.categories ? { categories: body.categories } : {}),
        ...(body.assertions ? { assertions: body.assertions } : {}),
      });
      const runId = await saveReplayRun(storage.replays, projectId, 'replay', result);
      return { runId, ...result };
    } catch (error) {
      throw replayApiError(error);
    }
  });

  route(API_ROUTES.bisectTrace, async (request) => {
    const body = request.body;
    const trials = body.trials ?? 20;
    checkTrials(trials);
    const projectId = projectIdOf(request);
    const { good } = body;
    const references = [
      good.traceId !== undefined,
      good.before === true,
      good.snapshot === true,
      good.versions !== undefined,
    ].filter(Boolean).length;
    if (references !== 1)
      throw new ApiError(
        'invalid_request',
        "good needs exactly one of traceId (a known-good trace), before: true (the latest healthy trace of the route before this one), snapshot: true (the failing span's own version snapshot) or versions (a version snapshot)",
      );
    try {
      const result = await bisectTrace(
        ports,
        options.providers,
        projectId,
        request.params.traceId,
        {
          ...(good.traceId ? { goodTraceId: good.traceId } : {}),
          ...(good.snapshot ? { goodVersions: 'own' as const } : {}),
          ...(good.versions ? { goodVersions: good.versions } : {}),
          trials,
          judging: options.judging,
          pairs: body.pairs ?? true,
          dryRun: body.dryRun ?? false,
          ...(good.spanId ? { goodSpanId: good.spanId } : {}),
          ...(body.spanId ? { spanId: body.spanId } : {}),
          ...(body.factors ? { factors: body.factors } : {}),
          ...(body.budgetUsd !== undefined ? { budgetUsd: body.budgetUsd } : {}),
          ...(body.categories ? { categories: body.categories } : {}),
          ...(body.assertions ? { assertions: body.assertions } : {}),
        },
      );
      if (result.verdict === null) return { runId: null, ...result };
      const runId = await saveReplayRun(storage.replays, projectId, 'bisect', result);
      return { runId, ...result };
    } catch (error) {
      throw replayApiError(error);
    }
  });

  route(API_ROUTES.listReplayRuns, async (request) => ({
    items: await storage.replays.listRuns(
      projectIdOf(request),
      request.params.traceId.toLowerCase(),
      request.query.limit,
    ),
  }));
}
