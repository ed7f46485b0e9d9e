import { describe, expect, it } from 'vitest';
import { LabeledCounter } from './labeled-counter.js';

describe('LabeledCounter', () => {
  it('counts per pair of label values and writes one series each', () => {
    const counter = new LabeledCounter('x_total', 'Xs.', ['path', 'status']);
    counter.inc('/a', '200');
    counter.inc('/a', '200');
    counter.inc('/a', '500', 3);
    counter.inc('/b', '200');
    expect(counter.lines()).toEqual([
      '# HELP x_total Xs.',
      '# TYPE x_total counter',
      'x_total{path="/a",status="200"} 2',
      'x_total{path="/a",status="500"} 3',
      'x_total{path="/b",status="200"} 1',
    ]);
  });

  it('writes a one-label counter with one label, and nothing before the first count', () => {
    const counter = new LabeledCounter('hits_total', 'Hits.', ['cache']);
    expect(counter.lines()).toEqual([]);
    counter.inc('exact');
    expect(counter.lines().at(-1)).toBe('hits_total{cache="exact"} 1');
  });

  it('cannot be made to break the exposition format by a label value', () => {
    const counter = new LabeledCounter('x_total', 'Xs.', ['provider', 'outcome']);
    counter.inc('a"b\\c\nd', 'ok');
    expect(counter.lines().at(-1)).toBe('x_total{provider="a_b_c_d",outcome="ok"} 1');
  });
});
