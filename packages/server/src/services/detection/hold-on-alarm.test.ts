import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '@glassbox/core/stats';
import { createMemoryStorage, type Storage } from '@glassbox/store';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../../create-server.js';
import { jsonClient } from '../../../test/support/json-client.js';
import { REAL_DATABASES } from '../../../test/support/storage-backends.js';
import {
  driveTraffic,
  postTraces,
  serverWithTickedDetection,
  TRIAGE_MODELS,
  triageRequest,
} from '../../../test/support/detection-traffic.js';
import { DetectionJob } from './detection-job.js';

/*
 * The triage case study's "the model version is automatically held pending review", end to
 * end: the registry's `model/triage-model` production label pins the model the traces report;
 * a silent update (label moved to v2 before the traffic changes) drops the high-risk refusal
 * rate; the refusal monitor's `on_alarm` rolls the label back or freezes it, as detection.
 */

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const MODEL = '/api/artifacts/model/triage-model';

function monitorsFile(onAlarm: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gbx-hold-')), 'monitors.yaml');
  writeFileSync(
    file,
    `monitors:
  - id: triage-refusals
    name: Triage refusal rate
    metric: refusal_rate
    detector: bernoulli_cusum
    segment_by: [risk.category]
    on_alarm: ${onAlarm}
  - id: model-change
    name: New model version in responses
    metric: model_share
    detector: new_value
    severity: info
`,
  );
  return file;
}

interface IncidentView {
  id: string;
  suspectedCause?: { monitorId: string; value?: string };
  hold?: { outcome?: { applied: boolean; artifact?: string } };
  timeline: { type: string; message: string }[];
}

type Api = ReturnType<typeof jsonClient>;

interface AuditEntry {
  type: string;
  actor: string;
  from?: number;
  to?: number;
  reason: string;
  incidentId?: string;
}

/** `model/triage-model`: v1 pins the old model and is in production, v2 pins the update. */
async function registerTriageModel(api: Api): Promise<void> {
  for (const model of [TRIAGE_MODELS.before, TRIAGE_MODELS.after]) {
    expect((await api.post(`${MODEL}/versions`, { content: { model } })).status).toBe(201);
  }
  await api.put(`${MODEL}/labels/production`, { version: 1, reason: 'launch', actor: 'ops' });
}

/** The label moves to v2 just before the traffic shows the new model. */
async function deployUpdate(api: Api): Promise<void> {
  const moved = await api.put(`${MODEL}/labels/production`, {
    version: 2,
    reason: 'provider snapshot update',
    actor: 'ops',
  });
  expect(moved.status).toBe(200);
}

const incidentsOf = async (api: Api): Promise<IncidentView[]> => {
  const list = (await api.get('/api/incidents')).body.items as { id: string }[];
  return Promise.all(list.map(async (i) => (await api.get(`/api/incidents/${i.id}`)).body));
};

const historyOf = async (api: Api): Promise<AuditEntry[]> =>
  (await api.get(`${MODEL}/history?limit=50`)).body.items;

/** Runs the triage traffic with the registry deploying each model; returns the incidents. */
async function triageWithRegistry(onAlarm: string) {
  const { server, job, close } = await serverWithTickedDetection({
    monitorsFile: monitorsFile(onAlarm),
  });
  cleanups.push(close);
  const api = jsonClient(server);
  await registerTriageModel(api);
  const rng = createRng(2026);
  const send = (i: number) => triageRequest(i, rng);
  await driveTraffic(server, job, 0, 3000, send, async () => false);
  await deployUpdate(api);
  let heldAfterRequest: number | undefined;
  // All of the update traffic: the hold happens once, however many ticks follow.
  await driveTraffic(server, job, 3000, 1200, send, async (after) => {
    if (heldAfterRequest === undefined && (await incidentsOf(api)).some((i) => i.hold?.outcome))
      heldAfterRequest = after;
    return false;
  });
  return {
    api,
    incidents: await incidentsOf(api),
    heldAfterRequest,
    history: await historyOf(api),
  };
}

/** Checks the rollback detection did, on the registry and on the incident. */
async function expectRolledBack(api: Api, incident: IncidentView): Promise<void> {
  const served = (await api.get(`${MODEL}?label=production`)).body.version;
  expect(served).toMatchObject({ version: 1, content: { model: TRIAGE_MODELS.before } });
  const byDetection = (await historyOf(api)).filter((e) => e.actor === 'detection');
  expect(byDetection).toHaveLength(1);
  expect(byDetection[0]).toMatchObject({
    type: 'label_moved',
    from: 2,
    to: 1,
    incidentId: incident.id,
  });
  expect(byDetection[0]!.reason).toMatch(
    /^on_alarm rollback for incident ".+": Triage refusal rate \(risk\.category=high\) alarmed \(monitor triage-refusals\); suspected change "New model version in responses.*"; "production" of model\/triage-model serves v2, which pins gpt-4o-2026-11-01$/,
  );
  expect(incident.hold?.outcome).toMatchObject({ applied: true, artifact: 'model/triage-model' });
  const entries = incident.timeline.filter((t) => t.type.startsWith('hold_'));
  expect(entries.map((t) => t.type)).toEqual(['hold_requested', 'hold_applied']);
  expect(entries[1]!.message).toMatch(
    /^detection rolled "production" of model\/triage-model back from v2 to v1: Triage refusal rate/,
  );
}

describe('on_alarm holds the model version that deployed the change', () => {
  it('rolls the production label back to the previous model, once, as detection', async () => {
    const { api, incidents, heldAfterRequest } = await triageWithRegistry(
      '{ action: rollback, label: production }',
    );
    expect(incidents).toHaveLength(1);
    const incident = incidents[0]!;
    expect(incident.suspectedCause).toMatchObject({
      monitorId: 'model-change',
      value: TRIAGE_MODELS.after,
    });
    expect(heldAfterRequest).toBeLessThanOrEqual(3000 + 3 * 200);
    await expectRolledBack(api, incident);
  }, 300_000);

  it('freezes the label: a later move is refused naming the hold until released', async () => {
    const { api, incidents, history } = await triageWithRegistry('hold');
    expect(incidents).toHaveLength(1);
    const incident = incidents[0]!;
    expect(history[0]).toMatchObject({
      type: 'label_frozen',
      actor: 'detection',
      incidentId: incident.id,
    });
    expect(history[0]!.reason).toMatch(/^on_alarm freeze for incident ".+": Triage refusal rate/);
    expect(incident.timeline.find((t) => t.type === 'hold_applied')?.message).toMatch(
      /^detection froze "production" of model\/triage-model pending review/,
    );
    expect((await api.get(`${MODEL}?label=production`)).body.version.version).toBe(2);

    const refused = await api.put(`${MODEL}/labels/production`, { version: 1, reason: 'by hand' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('label_frozen');
    expect(refused.body.error.message).toMatch(
      new RegExp(
        `^label "production" is frozen by detection for incident ${incident.id}: on_alarm freeze .*; release the hold before moving it$`,
      ),
    );
    const released = await api.post(`${MODEL}/labels/production/release`, {
      reason: 'reviewed: v2 refuses too little on high risk',
      actor: 'lead',
    });
    expect(released.status).toBe(200);
    const retried = await api.put(`${MODEL}/labels/production`, { version: 1, reason: 'by hand' });
    expect(retried.status).toBe(200);
  }, 300_000);

  it('refuses a monitors file naming an artifact of no known kind', async () => {
    const job = new DetectionJob(createMemoryStorage(), {
      monitorsFile: monitorsFile('{ action: rollback, artifact: gadget/triage-model }'),
    });
    await expect(job.start()).rejects.toThrow(
      /monitors\.yaml:\d+: monitors\[0\]\.onAlarm\.artifact: unknown artifact kind "gadget"; expected one of prompt, agent, model, tools/,
    );
  });

  for (const database of REAL_DATABASES) {
    it(`rolls back from the detection worker thread over ${database.name}`, async () => {
      const db = await database.create();
      cleanups.push(() => db.dispose());
      const storage: Storage = await db.open();
      cleanups.push(() => storage.close());
      const server = await createServer({
        storage,
        host: '127.0.0.1',
        port: 0,
        detection: {
          intervalMs: 100,
          settleMs: 0,
          monitorsFile: monitorsFile('{ action: rollback, artifact: model/triage-model }'),
        },
      });
      cleanups.push(() => server.close());
      const api = jsonClient(server);
      await registerTriageModel(api);
      const rng = createRng(2026);
      const post = (from: number, n: number) =>
        postTraces(
          server,
          Array.from({ length: n }, (_, k) => triageRequest(from + k, rng)),
        );
      for (let i = 0; i < 3000; i += 500) await post(i, 500);
      await deployUpdate(api);
      for (let i = 3000; i < 4200; i += 400) await post(i, 400);
      // The worker thread ticks on its own; wait (bounded) for it to act.
      let incidents: IncidentView[] = [];
      for (let n = 0; n < 600 && !incidents.some((i) => i.hold?.outcome); n++) {
        await new Promise((r) => setTimeout(r, 200));
        incidents = await incidentsOf(api);
      }
      expect(incidents).toHaveLength(1);
      await expectRolledBack(api, incidents[0]!);
    }, 300_000);
  }
});
