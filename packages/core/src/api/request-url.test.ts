import { describe, expect, it } from 'vitest';
import { API_ROUTES } from './api-routes.js';
import { pathOf, queryParameters, searchParamsOf } from './request-url.js';

describe('searchParamsOf', () => {
  it('writes the given values in the contract order, repeating lists and leaving out empty ones', () => {
    const query = searchParamsOf(API_ROUTES.listTraces, {
      limit: 50,
      tag: ['a', 'b'],
      status: 'error',
      model: '',
      q: undefined,
    });
    expect(query.toString()).toBe('status=error&tag=a&tag=b&limit=50');
  });

  it('refuses a parameter the route does not declare, as the server would', () => {
    const typo = { staus: 'error' } as unknown as { status: string };
    expect(() => searchParamsOf(API_ROUTES.listTraces, typo)).toThrow(
      'GET /api/traces has no query parameter staus',
    );
  });
});

describe('queryParameters', () => {
  it('lists a route’s parameters and which repeat', () => {
    expect(queryParameters(API_ROUTES.listAlerts)).toEqual([
      { name: 'status', repeated: false },
      { name: 'monitorId', repeated: false },
      { name: 'limit', repeated: false },
    ]);
    expect(queryParameters(API_ROUTES.listTraces).filter((p) => p.repeated)).toEqual([
      { name: 'tag', repeated: true },
      { name: 'version', repeated: true },
    ]);
    expect(queryParameters(API_ROUTES.getHealth)).toEqual([]);
  });
});

describe('pathOf', () => {
  it('fills the path parameters, encoded', () => {
    expect(pathOf(API_ROUTES.getSession, { sessionId: 'a/b c' })).toBe('/api/sessions/a%2Fb%20c');
    expect(pathOf(API_ROUTES.ackAlert, { id: 'x1' })).toBe('/api/alerts/x1/ack');
  });

  it('names a missing path parameter', () => {
    const none = {} as { traceId: string };
    expect(() => pathOf(API_ROUTES.getTrace, none)).toThrow(
      '/api/traces/:traceId needs the path parameter traceId',
    );
  });
});
