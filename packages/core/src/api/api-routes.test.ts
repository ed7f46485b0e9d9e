import { describe, expect, it } from 'vitest';
import { API_ROUTES } from './api-routes.js';

describe('the API contract', () => {
  const routes = Object.entries(API_ROUTES);

  it('declares each method and path once', () => {
    const keys = routes.map(([, r]) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('declares a schema for every path parameter, and no other', () => {
    for (const [name, route] of routes) {
      const inPath = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]).sort();
      const declared = Object.keys(
        ('params' in route ? route.params.properties : undefined) ?? {},
      ).sort();
      expect(declared, name).toEqual(inPath);
    }
  });

  it('refuses unknown query parameters on every route that takes a query', () => {
    for (const [name, route] of routes) {
      if ('querystring' in route) expect(route.querystring.additionalProperties, name).toBe(false);
    }
  });
});
