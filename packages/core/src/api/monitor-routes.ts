import { Type } from './type-builder.js';
import { idParamsSchema, itemsOf, monitorBodySchema, monitorSchema } from './detection-schemas.js';
import { defineRoute } from './route-contract.js';

const tags = ['detection'];

/** GET /api/monitors. */
export const listMonitors = defineRoute({
  method: 'GET',
  path: '/api/monitors',
  summary: 'List monitors',
  tags,
  response: { 200: itemsOf(monitorSchema) },
  errors: [400, 401, 500],
});

/** GET /api/monitors/:id. */
export const getMonitor = defineRoute({
  method: 'GET',
  path: '/api/monitors/:id',
  summary: 'One monitor',
  tags,
  params: idParamsSchema,
  response: { 200: monitorSchema },
  errors: [400, 401, 404, 500],
});

/** POST /api/monitors: creates a monitor; an existing id is refused. */
export const createMonitor = defineRoute({
  method: 'POST',
  path: '/api/monitors',
  summary: 'Create a monitor',
  tags,
  body: monitorBodySchema,
  response: { 201: monitorSchema },
  errors: [400, 401, 500],
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
  errors: [400, 401, 500],
});

/** DELETE /api/monitors/:id. */
export const deleteMonitor = defineRoute({
  method: 'DELETE',
  path: '/api/monitors/:id',
  summary: 'Delete a monitor',
  tags,
  params: idParamsSchema,
  response: { 204: Type.Null() },
  errors: [400, 401, 404, 500],
});
