import { Type } from './type-builder.js';
import { metricSeriesSchema } from './detection-schemas.js';
import { defineRoute, PROJECT_ERRORS } from './route-contract.js';

/** GET /api/metrics: a metric per event-time bucket and segment. */
export const getMetrics = defineRoute({
  method: 'GET',
  path: '/api/metrics',
  summary: 'A metric rolled up per event-time bucket and segment',
  tags: ['detection'],
  querystring: Type.Object(
    {
      metric: Type.String({ minLength: 1 }),
      segment: Type.Optional(Type.String()),
      from: Type.Optional(Type.String()),
      to: Type.Optional(Type.String()),
      bucket: Type.Optional(Type.String({ pattern: '^[0-9]+(ms|s|m|h|d)?$' })),
    },
    { additionalProperties: false },
  ),
  response: { 200: metricSeriesSchema },
  errors: PROJECT_ERRORS,
});
