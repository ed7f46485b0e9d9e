import {
  checkMonitor,
  fileAlert,
  type Alert,
  type Incident,
  type MonitorDefinition,
} from '@glassbox/core/detect';
import { createMemoryStorage, type Storage } from '@glassbox/store';
import { beforeEach, describe, expect, it } from 'vitest';
import { ArtifactRegistry } from '../artifacts/artifact-registry.js';
import { carryOutHold } from './carry-out-hold.js';

const T0 = Date.UTC(2026, 10, 1, 8);

/** A change alert of `metric` whose new value is `value`. */
function changeAlert(metric: string, value: string, title = `New value ${value}`): Alert {
  return {
    id: `change-${metric}`,
    projectId: 'default',
    monitorId: metric,
    dedupeKey: metric,
    title,
    message: `new "${value}"`,
    metric,
    severity: 'info',
    status: 'open',
    onsetMs: T0,
    openedAtMs: T0,
    lastSeenMs: T0,
    count: 1,
    change: true,
    evidence: {
      detector: 'new_value',
      params: {},
      statistic: 5,
      threshold: 5,
      baseline: {},
      current: { value },
      chart: [],
      exampleTraceIds: ['trace-1'],
    },
  };
}

const symptom: Alert = {
  ...changeAlert('refusal_rate', ''),
  id: 'symptom',
  monitorId: 'refusals',
  title: 'Refusal rate',
  change: false,
  onsetMs: T0 + 60_000,
  openedAtMs: T0 + 60_000,
  lastSeenMs: T0 + 60_000,
};

const monitor = (onAlarm: unknown): MonitorDefinition =>
  checkMonitor({
    id: 'refusals',
    metric: 'refusal_rate',
    detector: 'bernoulli_cusum',
    on_alarm: onAlarm,
  });

/** The incident the symptom opens with `change` (if any) suspected, holding on alarm. */
const incidentWith = (change?: Alert): Incident =>
  fileAlert(symptom, [], change ? [change] : [], { newId: () => 'inc-1', hold: true })!.incident;

describe('carryOutHold', () => {
  let storage: Storage;
  let registry: ArtifactRegistry;
  const key = (kind: 'prompt' | 'tools' | 'model', name: string) => ({
    projectId: 'default',
    kind,
    name,
  });
  const act = { actor: 'ops', reason: 'deploy' };
  const run = (incident: Incident, definition: MonitorDefinition | undefined, alerts: Alert[]) =>
    carryOutHold(
      incident,
      definition,
      async (id) => [symptom, ...alerts].find((a) => a.id === id),
      { artifacts: storage.artifacts, promptNameOf: async () => 'support' },
    );

  beforeEach(async () => {
    storage = createMemoryStorage();
    registry = new ArtifactRegistry(storage.artifacts);
    for (const text of ['v1', 'v2'])
      await registry.createVersion(
        key('prompt', 'support'),
        { content: [{ role: 'system', content: text }] },
        'ops',
      );
    await registry.moveLabel(key('prompt', 'support'), 'production', 1, act);
    await registry.moveLabel(key('prompt', 'support'), 'production', 2, act);
  });

  it('rolls back the prompt a version change names, once', async () => {
    const change = changeAlert('prompt_version_share', 'support@v2', 'New prompt version');
    const updated = await run(incidentWith(change), monitor('rollback'), [change]);
    expect((await storage.artifacts.getLabels(key('prompt', 'support'))).production).toBe(1);
    expect(updated?.hold?.outcome).toMatchObject({ applied: true, artifact: 'prompt/support' });
    expect(updated?.timeline.at(-1)).toMatchObject({
      type: 'hold_applied',
      message: expect.stringMatching(
        /^detection rolled "production" of prompt\/support back from v2 to v1: Refusal rate alarmed \(monitor refusals\); suspected change "New prompt version"; the traces ran prompt support@v2$/,
      ),
    });
    expect(await run(updated!, monitor('rollback'), [change])).toBeUndefined();
  });

  it('names the prompt from the traces when the version is a bare number', async () => {
    const change = changeAlert('prompt_version_share', '2');
    const updated = await run(incidentWith(change), monitor('hold'), [change]);
    expect(updated?.hold?.outcome?.applied).toBe(true);
    const guards = await storage.artifacts.labelGuards(key('prompt', 'support'));
    expect(guards[0]?.freeze).toMatchObject({ actor: 'detection', incidentId: 'inc-1' });
  });

  it('maps an artifact-version change to its artifact', async () => {
    const tools = key('tools', 'crm');
    for (const n of [1, 2])
      await registry.createVersion(tools, { content: [{ name: `t${n}` }] }, 'ops');
    await registry.moveLabel(tools, 'canary', 2, act);
    const change = changeAlert('artifact_version_share', 'tools@crm@v2');
    const updated = await run(incidentWith(change), monitor({ action: 'hold', label: 'canary' }), [
      change,
    ]);
    expect(updated?.hold?.outcome).toMatchObject({ applied: true, artifact: 'tools/crm' });
    expect((await storage.artifacts.labelGuards(tools))[0]).toMatchObject({ label: 'canary' });
  });

  it('records why nothing was held when the change maps to no artifact', async () => {
    const cases: [Alert, RegExp][] = [
      [
        changeAlert('sampling_share', 'temperature=0.9'),
        /^nothing to rollback: the suspected change \(sampling "temperature=0\.9"\) is not a registry artifact version$/,
      ],
      [
        changeAlert('model_share', 'gpt-4o-2026-11-01', 'New model'),
        /^nothing to rollback: no model artifact's "production" label maps to the change "gpt-4o-2026-11-01" \(New model\)$/,
      ],
      [
        changeAlert('artifact_version_share', 'index@docs@v2'),
        /names no registry artifact \(expected kind@name@vN/,
      ],
    ];
    for (const [change, message] of cases) {
      const updated = await run(incidentWith(change), monitor('rollback'), [change]);
      expect(updated?.hold?.outcome?.applied).toBe(false);
      expect(updated?.timeline.at(-1)).toMatchObject({ type: 'hold_not_applied' });
      expect(updated?.timeline.at(-1)?.message).toMatch(message);
    }
    expect((await storage.artifacts.getLabels(key('prompt', 'support'))).production).toBe(2);
  });

  it('names the artifacts that exist when the monitor names one that does not', async () => {
    const updated = await run(
      incidentWith(),
      monitor({ action: 'hold', artifact: 'model/nope' }),
      [],
    );
    expect(updated?.timeline.at(-1)?.message).toBe(
      `hold of "production" of model/nope not applied: model "nope" does not exist; the project's artifacts: prompt/support`,
    );
  });

  it('waits for a change before a rollback, and says so when the monitor lost its on_alarm', async () => {
    expect(await run(incidentWith(), monitor('rollback'), [])).toBeUndefined();
    const frozen = await run(
      incidentWith(),
      monitor({ action: 'hold', artifact: 'prompt/support' }),
      [],
    );
    expect(frozen?.hold?.outcome?.applied).toBe(true);
    const plain = checkMonitor({
      id: 'refusals',
      metric: 'refusal_rate',
      detector: 'bernoulli_cusum',
    });
    expect((await run(incidentWith(), plain, []))?.timeline.at(-1)?.message).toBe(
      'monitor refusals no longer declares on_alarm',
    );
  });
});
