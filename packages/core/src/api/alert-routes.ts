import { Type } from './type-builder.js';
import { ALERT_STATUSES } from '../detect/index.js';
import { alertSchema, idParamsSchema, itemsOf } from './detection-schemas.js';
import { defineRoute, LOOKUP_ERRORS, PROJECT_ERRORS } from './route-contract.js';
import { defaulted, stringEnum } from './schema-helpers.js';

const tags = ['detection'];

/** GET /api/alerts. */
export const listAlerts = defineRoute({
  method: 'GET',
  path: '/api/alerts',
  summary: 'List alerts, newest first',
  tags,
  querystring: Type.Object(
    {
      status: Type.Optional(stringEnum(ALERT_STATUSES)),
      monitorId: Type.Optional(Type.String()),
      limit: defaulted(Type.Integer({ minimum: 1, maximum: 1000 }), 100),
    },
    { additionalProperties: false },
  ),
  response: { 200: itemsOf(alertSchema) },
  errors: PROJECT_ERRORS,
});

/** GET /api/alerts/:id: the alert with its evidence and chart data. */
export const getAlert = defineRoute({
  method: 'GET',
  path: '/api/alerts/:id',
  summary: 'One alert with its evidence and chart data',
  tags,
  params: idParamsSchema,
  response: { 200: alertSchema },
  errors: LOOKUP_ERRORS,
});

/** POST /api/alerts/:id/ack: acknowledges an open alert. */
export const ackAlert = defineRoute({
  method: 'POST',
  path: '/api/alerts/:id/ack',
  summary: 'Acknowledge an open alert',
  tags,
  params: idParamsSchema,
  response: { 200: alertSchema },
  errors: LOOKUP_ERRORS,
});
