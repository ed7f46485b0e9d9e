import type { Static, TObject, TSchema } from '@sinclair/typebox';
import type { TDefaulted } from './schema-helpers.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The error statuses a route may answer with, each with an ErrorBody. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 503;

/** The errors of a route scoped to the caller's project: bad input, no key, out of scope, failure. */
export const PROJECT_ERRORS = [400, 401, 403, 500] as const;

/** The errors of a project-scoped route that reads one thing, which may not exist. */
export const LOOKUP_ERRORS = [400, 401, 403, 404, 500] as const;

/**
 * One route of the HTTP API: everything a server needs to validate it and a client needs to
 * call it. Pure data; the types of a request and its answer are derived from the schemas.
 */
export interface RouteContract {
  method: HttpMethod;
  /** Path with `:name` parameters, e.g. `/api/traces/:traceId`. */
  path: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  params?: TSchema;
  querystring?: TSchema;
  body?: TSchema;
  /** Media types the body may have, when it is not JSON. */
  consumes?: readonly string[];
  /** Successful answers by status. */
  response: Readonly<Partial<Record<200 | 201 | 204, TSchema>>>;
  /** Error answers, each an ErrorBody. */
  errors: readonly ErrorStatus[];
}

/**
 * Declares a route, keeping its literal types so requests and answers can be derived.
 *
 * @example
 * const getHealth = defineRoute({ method: 'GET', path: '/api/health', summary: 'Liveness',
 *   tags: ['meta'], response: { 200: healthSchema }, errors: [] });
 */
export function defineRoute<const R extends RouteContract>(route: R): R {
  return route;
}

type StaticOf<S> = S extends TSchema ? Static<S> : never;

/** The path parameters of a route, e.g. `{ traceId: string }`. */
export type ParamsOf<R extends RouteContract> = StaticOf<R['params']>;
/** The query of a route as a client may send it (defaulted parameters optional). */
export type QueryOf<R extends RouteContract> = StaticOf<R['querystring']>;

type DefaultedKeys<P> = {
  [K in keyof P]: P[K] extends TDefaulted<TSchema> ? K : never;
}[keyof P];

/** The query a route's handler sees: validated, with every defaulted parameter filled in. */
export type ValidatedQueryOf<R extends RouteContract> =
  R['querystring'] extends TObject<infer P>
    ? QueryOf<R> & { [K in DefaultedKeys<P>]-?: Static<P[K]> }
    : never;

/** The body a route accepts. */
export type BodyOf<R extends RouteContract> = StaticOf<R['body']>;

/** The body of a route's successful answer. */
export type ResponseOf<R extends RouteContract> = StaticOf<
  R['response'][keyof R['response'] & (200 | 201 | 204)]
>;

/**
 * A query as it travels in a URL: the route's parameter names only, each a string or number,
 * or a list for a repeatable parameter. The server validates the values.
 */
export type QueryStringOf<R extends RouteContract> = {
  [K in keyof QueryOf<R>]?: NonNullable<QueryOf<R>[K]> extends readonly unknown[]
    ? readonly string[]
    : string | number;
};
