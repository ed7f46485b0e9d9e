import { API_ROUTES } from '@glassbox/core/api';
import { checkSamplingRules } from '@glassbox/core/evals';
import { ApiError } from '../errors/api-error.js';
import { DatasetService, ReviewService, RunService } from '../services/evals/index.js';
import { projectIdOf } from './auth/project-hook.js';
import type { RouteContext } from './route-context.js';

const EXPORT_TYPES = { jsonl: 'application/x-ndjson', csv: 'text/csv' } as const;

/** Datasets, experiment runs and their comparison, sampling rules, review and coverage. */
export function evalRoutes({ storage, route }: RouteContext): void {
  const datasets = new DatasetService(storage);
  const runs = new RunService(storage);
  const reviews = new ReviewService(storage);

  route(API_ROUTES.listDatasets, async (request) => ({
    items: await storage.evals.datasets.listDatasets(projectIdOf(request)),
  }));

  route(API_ROUTES.createDatasetVersion, async (request, reply) => {
    const { items, import: imported, append, note } = request.body;
    const created = await datasets.change(projectIdOf(request), request.params.name, {
      ...(items !== undefined ? { items } : {}),
      ...(imported !== undefined ? { import: imported } : {}),
      append,
      ...(note !== undefined ? { note } : {}),
    });
    return reply.code(201).send(created);
  });

  route(API_ROUTES.addTracesToDataset, async (request, reply) => {
    const { traceIds, note } = request.body;
    const created = await datasets.addTraces(
      projectIdOf(request),
      request.params.name,
      traceIds,
      note,
    );
    return reply.code(201).send(created);
  });

  route(API_ROUTES.listDatasetVersions, async (request) => ({
    items: await datasets.versions(projectIdOf(request), request.params.name),
  }));

  route(API_ROUTES.getDatasetItems, async (request) => ({
    items: await datasets.items(projectIdOf(request), request.params.name, request.params.version),
  }));

  route(API_ROUTES.exportDataset, async (request, reply) => {
    const { name, version } = request.params;
    const { format } = request.query;
    const text = await datasets.export(projectIdOf(request), name, version, format);
    return reply
      .type(EXPORT_TYPES[format])
      .header('content-disposition', `attachment; filename="${name}-v${version}.${format}"`)
      .send(text);
  });

  route(API_ROUTES.createEvalRun, async (request, reply) => {
    const { note, ...body } = request.body;
    const created = await runs.record(projectIdOf(request), {
      ...body,
      ...(note !== undefined ? { note } : {}),
      outcomes: body.outcomes.map((o) => ({
        ...o,
        namedScores: o.namedScores ?? {},
        reason: o.reason ?? '',
        assertions: o.assertions ?? [],
      })),
    });
    return reply.code(201).send(created);
  });

  route(API_ROUTES.listEvalRuns, async (request) => {
    const { dataset, datasetVersion, limit } = request.query;
    return {
      items: await storage.evals.runs.listExperimentRuns(projectIdOf(request), {
        limit,
        ...(dataset !== undefined ? { dataset } : {}),
        ...(datasetVersion !== undefined ? { datasetVersion } : {}),
      }),
    };
  });

  route(API_ROUTES.getEvalRun, async (request) =>
    runs.get(projectIdOf(request), request.params.runId),
  );

  route(API_ROUTES.compareEvalRuns, async (request) =>
    runs.compare(projectIdOf(request), request.params.runId, request.params.baselineId),
  );

  route(API_ROUTES.getSamplingRules, async (request) => ({
    rules: await storage.evals.online.getSamplingRules(projectIdOf(request)),
  }));

  route(API_ROUTES.putSamplingRules, async (request) => {
    const rules = checkSamplingRules(request.body.rules);
    await storage.evals.online.putSamplingRules(projectIdOf(request), rules);
    return { rules };
  });

  route(API_ROUTES.getTraceScores, async (request) => {
    const projectId = projectIdOf(request);
    const { traceId } = request.params;
    if (!(await storage.traces.getTrace(projectId, traceId)))
      throw new ApiError('not_found', `trace ${traceId} not found`);
    const [items, experiments] = await Promise.all([
      storage.evals.online.listOnlineScores(projectId, traceId),
      storage.evals.runs.listTraceRunOutcomes(projectId, traceId),
    ]);
    return { items, experiments };
  });

  route(API_ROUTES.listReviews, async (request) => {
    const { pendingFor, limit } = request.query;
    return {
      items: await storage.evals.reviews.listReviewItems(projectIdOf(request), {
        limit,
        ...(pendingFor !== undefined ? { pendingFor } : {}),
      }),
    };
  });

  route(API_ROUTES.enqueueReviews, async (request) => {
    const { traceIds, sample, note } = request.body;
    return reviews.enqueue(projectIdOf(request), {
      ...(traceIds !== undefined ? { traceIds } : {}),
      ...(sample !== undefined ? { sample } : {}),
      ...(note !== undefined ? { note } : {}),
    });
  });

  route(API_ROUTES.putReviewLabels, async (request) => ({
    saved: await reviews.label(
      projectIdOf(request),
      request.params.traceId,
      request.body.reviewer,
      request.body.verdicts,
    ),
  }));

  route(API_ROUTES.getReviewAgreement, async (request) => ({
    items: await reviews.agreement(projectIdOf(request)),
  }));

  route(API_ROUTES.getEvalCoverage, async (request) => reviews.coverage(projectIdOf(request)));
}
