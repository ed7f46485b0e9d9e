import { describe, expect, it } from 'vitest';
import { DETECTORS } from './detector-catalog.js';
import { DETECTOR_KINDS } from './detector.js';
import { checkMonitor } from './monitor.js';

const monitor = (detector: string, metric: string, params: Record<string, unknown>) => ({
  id: 'm',
  metric,
  detector,
  params,
});

describe('detector parameters', () => {
  it('refuse a parameter of another detector, naming it, the detector and its owners', () => {
    expect(() => checkMonitor(monitor('ewma', 'latency_ms', { h: 3 }))).toThrow(
      /monitor\.params\.h: ewma has no parameter h \(it belongs to bernoulli_cusum, tabular_cusum\); its parameters are blockSize, .*lambda, L, resolveAfter/,
    );
    expect(() => checkMonitor(monitor('tabular_cusum', 'latency_ms', { lambda: 0.3 }))).toThrow(
      /tabular_cusum has no parameter lambda \(it belongs to ewma\)/,
    );
    expect(() => checkMonitor(monitor('dominance', 'model_share', { p0: 0.1 }))).toThrow(
      /dominance has no parameter p0 \(it belongs to bernoulli_cusum\)/,
    );
  });

  it('refuse an unknown parameter without an owner hint', () => {
    expect(() => checkMonitor(monitor('bernoulli_cusum', 'error_rate', { hh: 2 }))).toThrow(
      /bernoulli_cusum has no parameter hh; its parameters are/,
    );
  });

  it.each([
    ['bernoulli_cusum', 'error_rate', { p0: 1 }, /p0: must be a number > 0 and < 1/],
    ['bernoulli_cusum', 'error_rate', { p1Ratio: 1 }, /p1Ratio: must be a number > 1/],
    ['bernoulli_cusum', 'error_rate', { baselineSize: 2.5 }, /a whole number >= 1/],
    ['ewma', 'latency_ms', { log: 2 }, /log: must be a whole number >= 0 and <= 1/],
    ['ewma', 'latency_ms', { direction: 'sideways' }, /must be one of auto, up, down, both/],
    ['ewma', 'latency_ms', { L: '3' }, /L: must be a number > 0/],
    ['new_value', 'model_share', { resolveAfter: 0 }, /resolveAfter: must be a whole number >= 1/],
  ])('refuse %s %s %j', (detector, metric, params, message) => {
    expect(() => checkMonitor(monitor(detector, metric, params))).toThrow(message);
  });

  it('accept every declared default, and monitor-wide parameters on every detector', () => {
    for (const kind of DETECTOR_KINDS) {
      const examples: Record<string, string> = {
        rate: 'error_rate',
        value: 'latency_ms',
        share: 'model_share',
        text: 'query',
        session: 'cost_per_session',
      };
      const metric = examples[DETECTORS[kind].metricKinds[0]!]!;
      const params: Record<string, number | string> = { resolveAfter: 100 };
      for (const [name, spec] of Object.entries(DETECTORS[kind].params)) {
        if (spec.default !== undefined) params[name] = spec.default;
      }
      expect(checkMonitor(monitor(kind, metric, params)).params).toEqual(params);
    }
  });
});
