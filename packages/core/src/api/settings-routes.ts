import { thresholdOverridesSchema, thresholdSettingsSchema } from './failure-schemas.js';
import { defineRoute, PROJECT_ERRORS } from './route-contract.js';

/** GET /api/settings/thresholds: the classifier thresholds of the caller's project. */
export const getThresholds = defineRoute({
  method: 'GET',
  path: '/api/settings/thresholds',
  summary: 'The failure classifier thresholds ingest uses for this project',
  tags: ['settings'],
  response: { 200: thresholdSettingsSchema },
  errors: PROJECT_ERRORS,
});

/** PUT /api/settings/thresholds: replaces the project's threshold overrides. */
export const putThresholds = defineRoute({
  method: 'PUT',
  path: '/api/settings/thresholds',
  summary:
    'Replace this project\u2019s threshold overrides ({} restores the defaults); applies to spans ingested from now on',
  tags: ['settings'],
  body: thresholdOverridesSchema,
  response: { 200: thresholdSettingsSchema },
  errors: PROJECT_ERRORS,
});
