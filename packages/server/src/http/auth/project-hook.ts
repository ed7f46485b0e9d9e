import type { ApiKeyScope } from '@glassbox/core/api';
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { ApiError } from '../../errors/api-error.js';
import { allows, type Caller } from './caller.js';
import type { ProjectResolver } from './project-resolver.js';

const callers = new WeakMap<FastifyRequest, Caller>();

/**
 * An onRequest hook that resolves the caller before the body is read, so an unauthorized
 * client is refused without the server buffering its payload, and refuses a key without the
 * route's scope with 403 naming it.
 */
export function projectHook(
  resolver: ProjectResolver,
  scope: ApiKeyScope,
): onRequestAsyncHookHandler {
  return async (request) => {
    const caller = await resolver.resolve(request.headers.authorization);
    if (!allows(caller.scopes, scope)) {
      throw new ApiError(
        'forbidden',
        `this route needs the "${scope}" scope; key ${caller.actor} has ${caller.scopes.join(', ')}`,
      );
    }
    callers.set(request, caller);
  };
}

/** The caller resolved for this request by projectHook. */
export function callerOf(request: FastifyRequest): Caller {
  const caller = callers.get(request);
  if (caller === undefined) throw new Error('projectHook did not run for this route');
  return caller;
}

/** The project resolved for this request by projectHook. */
export function projectIdOf(request: FastifyRequest): string {
  return callerOf(request).projectId;
}
