import {
  DEFAULT_THRESHOLDS,
  resolveThresholds,
  type ClassifierThresholds,
} from '@glassbox/core/classify';
import type { Storage } from '@glassbox/store';
import type { FastifyInstance } from 'fastify';
import { projectHook, projectIdOf } from '../auth/project-hook.js';
import type { ProjectResolver } from '../auth/project-resolver.js';
import { scopedErrorResponses } from './api-schemas.js';
import { thresholdOverridesSchema, thresholdSettingsSchema } from './failure-schemas.js';

async function thresholdSettings(storage: Storage, projectId: string) {
  const overrides = await storage.projects.getThresholds(projectId);
  return { thresholds: resolveThresholds(overrides), overrides, defaults: DEFAULT_THRESHOLDS };
}

/** GET and PUT /api/settings/thresholds: the caller's project's classifier thresholds. */
export async function settingsRoutes(
  app: FastifyInstance,
  options: { storage: Storage; resolver: ProjectResolver },
): Promise<void> {
  const { storage } = options;
  const onRequest = projectHook(options.resolver);

  app.get(
    '/api/settings/thresholds',
    {
      onRequest,
      schema: {
        summary: 'The failure classifier thresholds ingest uses for this project',
        tags: ['settings'],
        response: { 200: thresholdSettingsSchema, ...scopedErrorResponses },
      },
    },
    async (request) => thresholdSettings(storage, projectIdOf(request)),
  );

  app.put<{ Body: Partial<ClassifierThresholds> }>(
    '/api/settings/thresholds',
    {
      onRequest,
      schema: {
        summary:
          'Replace this project\u2019s threshold overrides ({} restores the defaults); applies to spans ingested from now on',
        tags: ['settings'],
        body: thresholdOverridesSchema,
        response: { 200: thresholdSettingsSchema, ...scopedErrorResponses },
      },
    },
    async (request) => {
      const projectId = projectIdOf(request);
      await storage.projects.setThresholds(projectId, request.body);
      return thresholdSettings(storage, projectId);
    },
  );
}
