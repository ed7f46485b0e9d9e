import type { RouteContract } from '@glassbox/core/api';
import type { FastifySchema } from 'fastify';
import { documentedErrorBody } from '../errors/documented-error-body.js';

/**
 * The Fastify schema of a contract route: what validates its params, query and body, what
 * serializes its answers, and what @fastify/swagger publishes in the OpenAPI document.
 *
 * @example
 * routeSchema(API_ROUTES.getTrace).response; // { 200: ..., 400: ErrorBody, 401: ..., 404: ..., 500: ... }
 */
export function routeSchema(route: RouteContract): FastifySchema {
  const errors = Object.fromEntries(route.errors.map((status) => [status, documentedErrorBody]));
  const response = { ...route.response, ...errors };
  return {
    summary: route.summary,
    ...(route.description === undefined ? {} : { description: route.description }),
    tags: [...route.tags],
    ...(route.consumes === undefined ? {} : { consumes: [...route.consumes] }),
    ...(route.params === undefined ? {} : { params: route.params }),
    ...(route.querystring === undefined ? {} : { querystring: route.querystring }),
    ...(route.body === undefined ? {} : { body: route.body }),
    ...(Object.keys(response).length === 0 ? {} : { response }),
  };
}
