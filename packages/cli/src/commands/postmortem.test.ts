import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failureClassifier } from '@glassbox/core/ingest';
import type { Alert } from '@glassbox/core/detect';
import { openStorage } from '@glassbox/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { captureContext } from '../../test/support/capture-context.js';
import { incidentRequests, ONSET } from '../../test/support/incident-server.js';

let dataDir: string;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'glassbox-postmortem-'));
  const storage = await openStorage({ dataDir });
  // 200 healthy requests, then 100 where every third one is rate limited.
  const spans = incidentRequests();
  await storage.traces.writeSpans(spans, { classifier: failureClassifier(new Map()) });
  const alert: Alert = {
    id: 'a1',
    projectId: 'default',
    monitorId: 'error-rate',
    dedupeKey: 'error-rate',
    title: 'Error rate',
    message: 'error rate 33 % (baseline 0 %)',
    metric: 'error_rate',
    severity: 'error',
    status: 'open',
    onsetMs: ONSET,
    openedAtMs: ONSET + 60_000,
    lastSeenMs: ONSET + 600_000,
    count: 4,
    evidence: {
      detector: 'bernoulli_cusum',
      params: {},
      statistic: 6,
      threshold: 4,
      baseline: {},
      current: {},
      chart: [],
      exampleTraceIds: [],
    },
    change: false,
    incidentId: 'inc-7',
  };
  await storage.detection.putAlerts([alert]);
  await storage.detection.putIncident({
    id: 'inc-7',
    projectId: 'default',
    title: 'Error rate',
    severity: 'error',
    status: 'open',
    openedAtMs: ONSET,
    updatedAtMs: ONSET + 600_000,
    alertIds: ['a1'],
    timeline: [
      { atMs: ONSET, type: 'first_anomaly', message: 'first anomaly: Error rate', alertId: 'a1' },
    ],
  });
  await storage.close();
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

async function postmortem(argv: string[]) {
  const io = captureContext({ cwd: dataDir });
  const code = await runCli(['postmortem', ...argv, '--data-dir', dataDir], io.context);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('glassbox postmortem', () => {
  it('prints the Markdown draft from the stored evidence', async () => {
    const { code, out } = await postmortem(['inc-7']);
    expect(code).toBe(0);
    expect(out).toContain('# Postmortem: Error rate');
    expect(out).toMatch(/Systematic: 33 of 100 traces \(33\.0 %\)/);
    expect(out).toContain('First alert "Error rate" opened 1.0 min (7 requests) after the onset.');
  });

  it('writes the template YAML to a file', async () => {
    const file = join(dataDir, 'pm.yaml');
    const { code, out } = await postmortem(['inc-7', '--format', 'yaml', '--out', file]);
    expect(code).toBe(0);
    expect(out).toContain(`to ${file}`);
    const yaml = readFileSync(file, 'utf8');
    expect(yaml).toMatch(/^incident:\n {2}id: "inc-7"/);
    expect(yaml).toContain('  category: null');
  });

  it('prints a reviewed version saved from the workspace, and the draft as version 0', async () => {
    const storage = await openStorage({ dataDir });
    await storage.incidents.append({
      projectId: 'default',
      incidentId: 'inc-7',
      seq: 1,
      atMs: ONSET + 3_600_000,
      author: 'ana',
      action: { type: 'postmortem', version: 1, text: '# Reviewed postmortem\n' },
    });
    await storage.close();
    expect((await postmortem(['inc-7', '--version', 'latest'])).out).toBe(
      '# Reviewed postmortem\n',
    );
    expect((await postmortem(['inc-7', '--version', '1'])).out).toBe('# Reviewed postmortem\n');
    expect((await postmortem(['inc-7', '--version', '0'])).out).toContain(
      '# Postmortem: Error rate',
    );
  });

  it.each([
    [[], /postmortem needs an INCIDENT_ID/, 2],
    [['inc-7', '--format', 'pdf'], /invalid --format "pdf": expected one of md, yaml, json/, 2],
    [['nope'], /incident nope not found in project default/, 1],
    [['inc-7', '--project', 'shop'], /unknown --project "shop" \(known: default\)/, 1],
    [['inc-7', '--version', 'newest'], /invalid --version "newest": expected a number/, 2],
    [['inc-7', '--version', '1', '--format', 'yaml'], /cannot be combined with --format yaml/, 2],
    [
      ['inc-7', '--version', '3'],
      /postmortem version 3 of incident inc-7 does not exist; versions: 0 \(generated draft\)$/m,
      1,
    ],
  ])('refuses %j with a clear error', async (argv, message, exit) => {
    const { code, err } = await postmortem(argv as string[]);
    expect(code).toBe(exit);
    expect(err).toMatch(message);
  });
});
