import { Type } from './type-builder.js';
import { idParamsSchema, itemsOf, monitorBodySchema, monitorSchema } from './detection-schemas.js';
import { defineRoute, LOOKUP_ERRORS, PROJECT_ERRORS } from './route-contract.js';

const tags = ['detection'];

/** GET /api/monitors. */
export const listMonitors = defineRoute({
  method: 'GET',
  path: '/api/monitors',
  summary: 'List monitors',
  tags,
  response: { 200: itemsOf(monitorSchema) },
  errors: PROJECT_ERRORS,
});

/** GET /api/monitors/:id. */
export const getMonitor = defineRoute({
  method: 'GET',
  path: '/api/monitors/:id',
  summary: 'One monitor',
  tags,
  params: idParamsSchema,
  response: { 200: monitorSchema },
  errors: LOOKUP_ERRORS,
});

/** POST /api/monitors: creates a monitor; an existing id is refused. */
export const createMonitor = defineRoute({
  method: 'POST',
  path: '/api/monitors',
  summary: 'Create a monitor',
  tags,
  body: monitorBodySchema,
  response: { 201: monitorSchema },
  errors: PROJECT_ERRORS,
});

/** PUT /api/monitors/:id: creates or replaces a monitor. */
export const putMonitor = defineRoute({
  method: 'PUT',
  path: '/api/monitors/:id',
  summary: 'Create or replace a monitor (its evaluation restarts)',
  tags,
  params: idParamsSchema,
  body: monitorBodySchema,
  response: { 200: monitorSchema },
  errors: PROJECT_ERRORS,
});

/** DELETE /api/monitors/:id. */
export const deleteMonitor = defineRoute({
  method: 'DELETE',
  path: '/api/monitors/:id',
  summary: 'Delete a monitor',
  tags,
  params: idParamsSchema,
  response: { 204: Type.Null() },
  errors: LOOKUP_ERRORS,
});
