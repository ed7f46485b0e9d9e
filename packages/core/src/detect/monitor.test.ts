import { describe, expect, it } from 'vitest';
import { checkMonitor } from './monitor.js';
import { defaultMonitors } from './default-monitors.js';
import { resolveMetric } from './metric-catalog.js';

describe('checkMonitor', () => {
  it('fills defaults and keeps a segment', () => {
    expect(
      checkMonitor({
        id: 'refund-errors',
        metric: 'error_rate',
        detector: 'bernoulli_cusum',
        segment: { route: 'refund' },
      }),
    ).toEqual({
      id: 'refund-errors',
      name: 'refund-errors',
      metric: 'error_rate',
      detector: 'bernoulli_cusum',
      params: {},
      severity: 'warning',
      notify: [],
      enabled: true,
      segment: { route: 'refund' },
    });
  });

  it.each([
    [{ id: 'Bad Id', metric: 'error_rate', detector: 'ewma' }, 'monitor.id'],
    [{ id: 'a', metric: 'latncy', detector: 'ewma' }, 'monitor.metric'],
    [{ id: 'a', metric: 'error_rate', detector: 'magic' }, 'monitor.detector'],
    [{ id: 'a', metric: 'error_rate', detector: 'ewma' }, 'monitor.detector'],
    [{ id: 'a', metric: 'latency_ms', detector: 'ewma', params: { L: -1 } }, 'monitor.params.L'],
    [
      { id: 'a', metric: 'latency_ms', detector: 'ewma', params: { statistic: 'p99' } },
      'monitor.params.statistic',
    ],
    [
      { id: 'a', metric: 'error_rate', detector: 'bernoulli_cusum', params: { p0: 2 } },
      'monitor.params.p0',
    ],
    [
      { id: 'a', metric: 'error_rate', detector: 'bernoulli_cusum', params: { hh: 2 } },
      'monitor.params.hh',
    ],
    [
      { id: 'a', metric: 'error_rate', detector: 'bernoulli_cusum', severity: 'huge' },
      'monitor.severity',
    ],
    [
      {
        id: 'a',
        metric: 'error_rate',
        detector: 'bernoulli_cusum',
        notify: [{ type: 'email', url: 'x' }],
      },
      'monitor.notify[0].type',
    ],
    [
      {
        id: 'a',
        metric: 'error_rate',
        detector: 'bernoulli_cusum',
        notify: [{ type: 'slack', url: 'ftp://x' }],
      },
      'monitor.notify[0].url',
    ],
    [
      { id: 'a', metric: 'error_rate', detector: 'bernoulli_cusum', segment: { route: 3 } },
      'monitor.segment.route',
    ],
    [
      { id: 'a', metric: 'error_rate', detector: 'bernoulli_cusum', colour: 'red' },
      'monitor.colour',
    ],
    ['nope', 'monitor'],
  ])('rejects %j naming %s', (input, path) => {
    expect(() => checkMonitor(input)).toThrow(
      expect.objectContaining({ code: 'invalid_monitor', path }),
    );
  });

  it('accepts every default monitor', () => {
    for (const m of defaultMonitors()) expect(checkMonitor(m)).toEqual(m);
  });
});

describe('resolveMetric', () => {
  it('resolves parameterized metrics and rejects unknown ones', () => {
    expect(resolveMetric('finding_rate:ungrounded_answer').kind).toBe('rate');
    expect(resolveMetric('error_rate:timeout').kind).toBe('rate');
    expect(resolveMetric('score:faithfulness').kind).toBe('value');
    expect(() => resolveMetric('finding_rate:nonsense')).toThrow(/unknown failure category/);
    expect(() => resolveMetric('latncy')).toThrow(/unknown metric "latncy"/);
  });
});
