import type { TSchema } from '@sinclair/typebox';
import type { ParamsOf, QueryStringOf, RouteContract } from './route-contract.js';

/** Marks, in types only, which route a query string was built for. */
export declare const FOR_ROUTE: unique symbol;

/** A query string built from a route's contract by searchParamsOf. */
export type RouteSearchParams<R extends RouteContract> = URLSearchParams & {
  readonly [FOR_ROUTE]: R;
};

/** One query parameter of a route, as its contract declares it. */
export interface QueryParameter {
  name: string;
  /** Given once per value (`?tag=a&tag=b`). */
  repeated: boolean;
}

/**
 * The query parameters a route accepts, in the contract's order.
 *
 * @example
 * queryParameters(API_ROUTES.listAlerts); // [{ name: 'status', repeated: false }, ...]
 */
export function queryParameters(route: RouteContract): QueryParameter[] {
  const properties = (route.querystring?.properties ?? {}) as Record<string, TSchema>;
  return Object.entries(properties).map(([name, schema]) => ({
    name,
    repeated: schema.type === 'array',
  }));
}

/**
 * The query string of a call: the given values in the contract's parameter order, lists
 * repeated, empty values left out. A name the route does not declare throws, as the server
 * would refuse it.
 *
 * @example
 * searchParamsOf(API_ROUTES.listTraces, { status: 'error', tag: ['a', 'b'], limit: 50 })
 *   .toString(); // 'status=error&tag=a&tag=b&limit=50'
 */
export function searchParamsOf<R extends RouteContract>(
  route: R,
  values: QueryStringOf<R>,
): RouteSearchParams<R> {
  const given = values as Record<string, string | number | readonly string[] | undefined>;
  const parameters = queryParameters(route);
  const unknown = Object.keys(given).filter((key) => !parameters.some((p) => p.name === key));
  if (unknown.length > 0) {
    throw new Error(`${route.method} ${route.path} has no query parameter ${unknown.join(', ')}`);
  }
  const params = new URLSearchParams();
  for (const { name } of parameters) {
    const value = given[name];
    if (Array.isArray(value)) for (const item of value as string[]) params.append(name, item);
    else if (value !== undefined && value !== '') params.set(name, String(value));
  }
  return params as RouteSearchParams<R>;
}

/**
 * The URL path of a call: the route's `:name` parameters filled in, encoded.
 *
 * @example
 * pathOf(API_ROUTES.getTrace, { traceId: 'ab12...' }); // '/api/traces/ab12...'
 */
export function pathOf<R extends RouteContract>(route: R, params: ParamsOf<R>): string {
  const values = (params ?? {}) as Record<string, string>;
  return route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${route.path} needs the path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
