import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMonitorsFile, parseMonitorsYaml } from './load-monitors-file.js';

const GOOD = `project: checkout
monitors:
  - id: refund-errors
    metric: error_rate
    detector: bernoulli_cusum
    segment: { route: refund }
    params: { p0: 0.02 }
    severity: error
    notify:
      - { type: slack, url: "https://hooks.example.com/x" }
  - id: latency
    project: search
    metric: latency_ms
    detector: ewma
    params: { statistic: p95, log: 1 }
`;

describe('monitors YAML', () => {
  it('parses monitors with their projects and defaults', () => {
    const monitors = parseMonitorsYaml(GOOD);
    expect(monitors.map((m) => [m.project, m.definition.id])).toEqual([
      ['checkout', 'refund-errors'],
      ['search', 'latency'],
    ]);
    expect(monitors[0]?.definition).toMatchObject({
      segment: { route: 'refund' },
      params: { p0: 0.02 },
      severity: 'error',
      notify: [{ type: 'slack' }],
    });
  });

  it('pins segment keys, a stricter tier and a hold on alarm', () => {
    const [m] = parseMonitorsYaml(`monitors:
  - id: triage-refusals
    metric: refusal_rate
    detector: bernoulli_cusum
    params: { direction: both }
    segment_by: [risk.category]
    tiers:
      - segment: { risk.category: high }
        params: { targetArl0: 100000, p1Ratio: 1.2 }
    on_alarm: hold
`);
    expect(m?.definition).toMatchObject({
      segmentBy: ['risk.category'],
      tiers: [{ segment: { 'risk.category': 'high' }, params: { targetArl0: 100_000 } }],
      onAlarm: { action: 'hold' },
      params: { direction: 'both' },
    });
    expect(() =>
      parseMonitorsYaml(`monitors:
  - id: drift
    metric: query
    detector: embedding_drift
    segment_by: auto
`),
    ).toThrow(/per-segment charts need bernoulli_cusum, ewma or tabular_cusum/);
    expect(() =>
      parseMonitorsYaml(`monitors:
  - id: lat
    metric: latency_ms
    detector: ewma
    segment_by: auto
    tiers:
      - segment: { risk.category: high }
        params: { L: 3 }
`),
    ).toThrow(/risk tiers need bernoulli_cusum, not ewma/);
  });

  it('reads the long on_alarm form and names a bad artifact', () => {
    const yaml = (artifact: string) => `monitors:
  - id: triage-refusals
    metric: refusal_rate
    detector: bernoulli_cusum
    on_alarm: { action: rollback, artifact: ${artifact}, label: production }
`;
    expect(parseMonitorsYaml(yaml('model/triage-model'))[0]?.definition.onAlarm).toEqual({
      action: 'rollback',
      artifact: 'model/triage-model',
      label: 'production',
    });
    expect(() => parseMonitorsYaml(yaml('gadget/triage-model'), 'm.yaml')).toThrow(
      /^m\.yaml:\d+: monitors\[0\]\.onAlarm\.artifact: unknown artifact kind "gadget"; expected one of prompt, agent, model, tools$/,
    );
    expect(() => parseMonitorsYaml(yaml('triage-model'), 'm.yaml')).toThrow(
      /monitors\[0\]\.onAlarm\.artifact: must be kind\/name, e\.g\. model\/triage-model/,
    );
  });

  it('names the line and field of a bad value', () => {
    const bad = GOOD.replace('detector: ewma', 'detector: ewmaa');
    expect(() => parseMonitorsYaml(bad, 'm.yaml')).toThrow(
      /^m\.yaml:14: monitors\[1\]\.detector: must be one of/,
    );
    const badParam = GOOD.replace('p0: 0.02', 'p0: 5');
    expect(() => parseMonitorsYaml(badParam, 'm.yaml')).toThrow(
      /^m\.yaml:7: monitors\[0\]\.params\.p0: must be a number > 0 and < 1/,
    );
  });

  it('rejects YAML syntax errors, unknown keys, duplicates and a missing list', () => {
    expect(() => parseMonitorsYaml('monitors: [\n  - a: b', 'x')).toThrow(/^x:\d+: /);
    expect(() => parseMonitorsYaml('monitor: []', 'x')).toThrow(/monitor: unknown field/);
    expect(() => parseMonitorsYaml('monitors: 3', 'x')).toThrow(/x:1: monitors: must be a list/);
    const dup = `monitors:\n  - { id: a, metric: error_rate, detector: bernoulli_cusum }\n  - { id: a, metric: refusal_rate, detector: bernoulli_cusum }\n`;
    expect(() => parseMonitorsYaml(dup, 'x')).toThrow(
      /x:3: monitors\[1\]\.id: "a" is defined twice/,
    );
  });

  it('reads a file and reports an unreadable one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gbx-monitors-'));
    writeFileSync(join(dir, 'm.yaml'), GOOD);
    expect(await loadMonitorsFile(join(dir, 'm.yaml'))).toHaveLength(2);
    await expect(loadMonitorsFile(join(dir, 'none.yaml'))).rejects.toThrow(
      /cannot read monitors file/,
    );
  });
});
