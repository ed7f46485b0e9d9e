import { fileAlert, type Alert } from '@glassbox/core/detect';
import { createServer, holdForAlarm, type GlassboxServer } from '@glassbox/server';
import { createMemoryStorage, type Storage } from '@glassbox/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callApi } from './call-api.js';

/*
 * A monitor with `on_alarm: hold` acting on the registry: the incident its alarm opened lists
 * the prompt-version change alert from just before, and the hold rolls that version back (or
 * freezes the label). The app sees the result through the server's API like any label move.
 */

const BASE = '/api/artifacts/prompt/support';
const T0 = 1_750_000_000_000;

function alert(fields: Partial<Alert> & Pick<Alert, 'id' | 'metric' | 'change'>): Alert {
  return {
    projectId: 'default',
    monitorId: fields.id,
    dedupeKey: fields.id,
    title: fields.id,
    message: fields.id,
    severity: 'high',
    status: 'open',
    onsetMs: T0,
    openedAtMs: T0,
    lastSeenMs: T0,
    count: 1,
    evidence: {
      detector: 'new_value',
      params: {},
      statistic: 1,
      threshold: 1,
      baseline: {},
      current: {},
      chart: [],
      exampleTraceIds: [],
    },
    ...fields,
  } as Alert;
}

describe('holds from detection', () => {
  let server: GlassboxServer;
  let storage: Storage;
  const api = (method: string, path: string, body?: unknown) =>
    callApi(server.url, method, path, body);

  // v2 reached production, then the refusal rate alarmed: one incident with the change in it.
  const change = alert({
    id: 'prompt-version-change',
    title: 'New prompt version: 2',
    metric: 'prompt_version_share',
    change: true,
    evidence: {
      ...alert({ id: 'x', metric: 'm', change: true }).evidence,
      current: { value: '2' },
    },
  });
  const anomaly = alert({
    id: 'refusal-rate',
    metric: 'refusal_rate',
    change: false,
    onsetMs: T0 + 60_000,
  });
  const incident = fileAlert(anomaly, [], [change], { newId: () => 'inc-1' })!.incident;

  beforeEach(async () => {
    storage = createMemoryStorage();
    server = await createServer({ storage, host: '127.0.0.1', port: 0 });
    for (const text of ['v1', 'v2'])
      await api('POST', `${BASE}/versions`, { content: [{ role: 'system', content: text }] });
    await api('PUT', `${BASE}/labels/production`, { version: 1, reason: 'launch' });
    await api('PUT', `${BASE}/labels/production`, { version: 2, reason: 'new tone' });
  });
  afterEach(async () => server?.close());

  it('rolls back the version the change alert names, recording the incident', async () => {
    const outcome = await holdForAlarm(storage.artifacts, {
      incident,
      alerts: [change, anomaly],
      hold: { mode: 'rollback', artifact: 'prompt/support' },
    });
    expect(outcome).toMatchObject({ mode: 'rollback', changedVersion: 2, move: { to: 1 } });
    const served = await api('GET', `${BASE}?label=production`);
    expect((served.body.version as { version: number }).version).toBe(1);
    const history = (await api('GET', `${BASE}/history`)).body.items as Record<string, unknown>[];
    expect(history[0]).toMatchObject({
      type: 'label_moved',
      from: 2,
      to: 1,
      actor: 'detection',
      incidentId: 'inc-1',
      reason: expect.stringMatching(
        /incident "refusal-rate": change alert "New prompt version: 2" \(v2\)/,
      ),
    });
    // Once rolled back, the same alarm does not roll back again.
    await expect(
      holdForAlarm(storage.artifacts, {
        incident,
        alerts: [change, anomaly],
        hold: { mode: 'rollback', artifact: 'prompt/support' },
      }),
    ).rejects.toThrow(
      'label "production" of prompt/support serves v1, not v2 named by the change alert; nothing rolled back',
    );
  });

  it('freezes the label: moves are refused until the hold is released', async () => {
    await holdForAlarm(storage.artifacts, {
      incident,
      alerts: [change, anomaly],
      hold: { mode: 'freeze', artifact: 'prompt/support', label: 'production' },
    });
    const refused = await api('PUT', `${BASE}/labels/production`, {
      version: 1,
      reason: 'by hand',
    });
    expect(refused.status).toBe(409);
    expect((refused.body.error as { code: string }).code).toBe('label_frozen');
    await api('POST', `${BASE}/labels/production/release`, { reason: 'incident over' });
    expect(
      (await api('PUT', `${BASE}/labels/production`, { version: 1, reason: 'by hand' })).status,
    ).toBe(200);
  });

  it('refuses a hold it cannot carry out, naming why', async () => {
    const hold = (artifact: string, alerts: Alert[]) =>
      holdForAlarm(storage.artifacts, { incident, alerts, hold: { mode: 'rollback', artifact } });
    await expect(hold('support', [change])).rejects.toThrow(
      'on_alarm hold artifact must be "kind/name" (e.g. prompt/support), got "support"',
    );
    await expect(hold('prompt/support', [anomaly])).rejects.toThrow(
      'incident inc-1 has no change alert naming a version of prompt/support to roll back',
    );
    const otherPrompt = {
      ...change,
      evidence: { ...change.evidence, current: { value: 'billing@v2' } },
    };
    await expect(hold('prompt/support', [otherPrompt])).rejects.toThrow(
      /no change alert naming a version/,
    );
    await expect(hold('prompt/nope', [change])).rejects.toThrow(/prompt "nope" does not exist/);
  });
});
