import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';

/**
 * Answers an unknown path: the UI's index.html for a page of the single-page app (any GET or
 * HEAD outside /api and /v1 when a UI is served), else a not_found error.
 */
export function notFoundHandler(serveUi: boolean) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '';
    const isApi = path.startsWith('/api/') || path === '/api' || path.startsWith('/v1/');
    if (serveUi && !isApi && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply.type('text/html').sendFile('index.html');
    }
    throw new ApiError('not_found', `no route ${request.method} ${path}`);
  };
}
