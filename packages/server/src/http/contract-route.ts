import type {
  BodyOf,
  ParamsOf,
  ResponseOf,
  RouteContract,
  ValidatedQueryOf,
} from '@glassbox/core/api';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onRequestAsyncHookHandler,
} from 'fastify';
import type { ErrorRenderer } from './error-handler.js';
import { routeSchema } from './route-schema.js';

/** A request to a contract route, typed by its schemas. */
export type ContractRequest<R extends RouteContract> = FastifyRequest<{
  Params: ParamsOf<R>;
  Querystring: ValidatedQueryOf<R>;
  Body: BodyOf<R>;
}>;

/** Turns a request into input, calls a service or store, and returns the answer. */
export type ContractHandler<R extends RouteContract> = (
  request: ContractRequest<R>,
  reply: FastifyReply,
) => Promise<ResponseOf<R> | FastifyReply>;

export interface ContractRouteOptions {
  /** Runs before the body is read (the project hook). */
  onRequest?: onRequestAsyncHookHandler;
  bodyLimit?: number;
  /** How this route's errors are written, when not as the JSON ErrorBody. */
  renderError?: ErrorRenderer;
}

/**
 * Registers one route of the contract: method, path and validation come from the contract,
 * the handler's input and answer are typed by it.
 *
 * @example
 * contractRoute(app, API_ROUTES.getHealth, async () => ({ status: 'ok', storage, version }));
 */
export function contractRoute<R extends RouteContract>(
  app: FastifyInstance,
  route: R,
  handler: ContractHandler<R>,
  options: ContractRouteOptions = {},
): void {
  const { renderError, ...rest } = options;
  app.route<{ Params: ParamsOf<R>; Querystring: ValidatedQueryOf<R>; Body: BodyOf<R> }>({
    method: route.method,
    url: route.path,
    schema: routeSchema(route),
    ...rest,
    ...(renderError ? { config: { renderError } } : {}),
    handler,
  });
}
