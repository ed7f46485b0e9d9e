import { Type } from './type-builder.js';
import { diagnosisSchema, failureSummarySchema } from './failure-schemas.js';
import { defineRoute, LOOKUP_ERRORS, PROJECT_ERRORS } from './route-contract.js';
import { defaulted } from './schema-helpers.js';
import { timeParam } from './time-param.js';
import { traceIdParams } from './trace-routes.js';

/** The most buckets one failure summary may hold. */
export const MAX_SUMMARY_BUCKETS = 1000;

/** GET /api/traces/:traceId/diagnosis: which layer most likely failed. */
export const getDiagnosis = defineRoute({
  method: 'GET',
  path: '/api/traces/:traceId/diagnosis',
  summary: 'Which layer most likely caused the trace to fail, with evidence for and against',
  tags: ['failures'],
  params: traceIdParams,
  response: { 200: diagnosisSchema },
  errors: LOOKUP_ERRORS,
});

/** GET /api/failures/summary: traces per failure category over time. */
export const getFailureSummary = defineRoute({
  method: 'GET',
  path: '/api/failures/summary',
  summary: 'Traces per failure category over time, by trace start',
  tags: ['failures'],
  querystring: Type.Object(
    {
      from: Type.Optional(timeParam('Default: 24 hours before to.')),
      to: Type.Optional(timeParam('Exclusive. Default: now.')),
      bucket: defaulted(
        Type.String({
          description: `Bucket size: milliseconds or a duration such as 5m, 1h, 1d. Buckets are aligned to the epoch; at most ${MAX_SUMMARY_BUCKETS} per request.`,
        }),
        '1h',
      ),
    },
    { additionalProperties: false },
  ),
  response: { 200: failureSummarySchema },
  errors: PROJECT_ERRORS,
});
