import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { ProjectResolver } from './project-resolver.js';

const projects = new WeakMap<FastifyRequest, string>();

/**
 * An onRequest hook that resolves the caller's project before the body is read, so an
 * unauthorized client is refused without the server buffering its payload.
 */
export function projectHook(resolver: ProjectResolver): onRequestAsyncHookHandler {
  return async (request) => {
    projects.set(request, await resolver.resolve(request.headers.authorization));
  };
}

/** The project resolved for this request by projectHook. */
export function projectIdOf(request: FastifyRequest): string {
  const projectId = projects.get(request);
  if (projectId === undefined) throw new Error('projectHook did not run for this route');
  return projectId;
}
