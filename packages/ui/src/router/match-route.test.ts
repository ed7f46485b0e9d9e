import { describe, expect, it } from 'vitest';
import { matchRoute, paths } from './match-route.js';

describe('matchRoute', () => {
  it('matches every page', () => {
    expect(matchRoute('/', '')).toEqual({ page: 'traces' });
    expect(matchRoute('/traces/', '')).toEqual({ page: 'traces' });
    expect(matchRoute('/failures', '')).toEqual({ page: 'failures' });
    expect(matchRoute('/alerts', '?status=open')).toEqual({ page: 'alerts' });
    expect(matchRoute('/alerts/a%201', '')).toEqual({ page: 'alert', alertId: 'a 1' });
    expect(matchRoute('/incidents/', '')).toEqual({ page: 'incidents' });
    expect(matchRoute('/incidents/i1', '')).toEqual({ page: 'incident', incidentId: 'i1' });
    expect(matchRoute('/monitors', '')).toEqual({ page: 'monitors' });
    expect(matchRoute('/metrics', '?metric=error_rate')).toEqual({ page: 'metrics' });
    expect(matchRoute('/traces/abc', '?span=s1')).toEqual({
      page: 'trace',
      traceId: 'abc',
      spanId: 's1',
    });
    expect(matchRoute('/sessions/chat%2F42', '')).toEqual({
      page: 'session',
      sessionId: 'chat/42',
    });
  });

  it('opens the replay panel from ?replay=1 only', () => {
    const [path, search] = paths.traceReplay('a/1').split('?');
    expect(matchRoute(path!, `?${search}`)).toEqual({
      page: 'trace',
      traceId: 'a/1',
      replay: true,
    });
    expect(matchRoute('/traces/a1', '?replay=0')).toEqual({ page: 'trace', traceId: 'a1' });
  });

  it('matches a replay compared with its original, both ways', () => {
    expect(matchRoute('/traces/a1/compare/b2', '')).toEqual({
      page: 'replay-compare',
      traceId: 'a1',
      replayTraceId: 'b2',
    });
    expect(matchRoute(paths.replayCompare('a 1', 'b/2'), '')).toEqual({
      page: 'replay-compare',
      traceId: 'a 1',
      replayTraceId: 'b/2',
    });
    expect(matchRoute('/traces/a1/compare/', '').page).toBe('not-found');
  });

  it('reports unknown paths and bad encodings as not found', () => {
    expect(matchRoute('/nope', '')).toEqual({ page: 'not-found', path: '/nope' });
    expect(matchRoute('/traces/a/b', '')).toEqual({ page: 'not-found', path: '/traces/a/b' });
    expect(matchRoute('/sessions/%E0%A4%A', '').page).toBe('not-found');
  });

  it('builds paths that match back', () => {
    expect(matchRoute(paths.alert('a/1'), '')).toEqual({ page: 'alert', alertId: 'a/1' });
    expect(matchRoute(paths.incident('i 1'), '')).toEqual({ page: 'incident', incidentId: 'i 1' });
    expect(matchRoute(paths.session('chat/42'), '')).toEqual({
      page: 'session',
      sessionId: 'chat/42',
    });
    const [pathname, query] = paths.trace('t1', 's 2').split('?');
    expect(matchRoute(pathname!, `?${query}`)).toEqual({
      page: 'trace',
      traceId: 't1',
      spanId: 's 2',
    });
  });
});
