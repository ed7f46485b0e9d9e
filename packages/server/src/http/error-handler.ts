import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from '../errors/api-error.js';
import { toApiError } from './to-api-error.js';

/** Writes an error in a route's own format: a body, and its media type when not JSON. */
export type ErrorRenderer = (
  error: ApiError,
  request: FastifyRequest,
) => { type?: string; body: unknown };

declare module 'fastify' {
  interface FastifyContextConfig {
    renderError?: ErrorRenderer;
  }
}

/** The JSON ErrorBody every API route answers errors with. */
const jsonErrorBody: ErrorRenderer = (error) => ({
  body: { error: { code: error.code, message: error.message } },
});

/**
 * The server's one error handler: normalizes whatever was thrown into an ApiError, logs the
 * unexpected, sets Retry-After on retryable codes and answers with the status of the code,
 * in the route's error format (the OTLP receiver's google.rpc.Status, else the ErrorBody).
 */
export function handleError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const apiError = toApiError(error);
  if (apiError.code === 'internal') request.log.error({ err: error }, 'request failed');
  if (apiError.code === 'storage_unavailable') request.log.warn({ err: error }, 'write failed');
  if (apiError.retryAfterSeconds !== undefined) {
    void reply.header('retry-after', String(apiError.retryAfterSeconds));
  }
  const render = request.routeOptions.config?.renderError ?? jsonErrorBody;
  const { type, body } = render(apiError, request);
  if (type !== undefined) void reply.type(type);
  return reply.code(apiError.statusCode).send(body);
}
