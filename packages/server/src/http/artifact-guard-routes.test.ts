import { createMemoryStorage, type Storage } from '@glassbox/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from '../create-server.js';
import type { GlassboxServer } from '../server-options.js';
import { applyHold } from '../services/artifacts/apply-hold.js';
import { jsonClient } from '../../test/support/json-client.js';

const BASE = '/api/artifacts/prompt/support';

describe('label protection, eval gates and holds over HTTP', () => {
  let storage: Storage;
  let server: GlassboxServer;
  let api: ReturnType<typeof jsonClient>;

  beforeEach(async () => {
    storage = createMemoryStorage();
    server = await createServer({ storage, host: '127.0.0.1', port: 0 });
    api = jsonClient(server);
    for (const text of ['one', 'two', 'three']) {
      await api.post(`${BASE}/versions`, { content: [{ role: 'system', content: text }] });
    }
    await api.put(`${BASE}/labels/production`, { version: 1, reason: 'launch' });
  });
  afterEach(async () => {
    await server.close();
  });

  it('refuses a protected label move without a passing gate (403), accepts one with it or an override', async () => {
    const protectedLabel = await api.put(`${BASE}/labels/production/protection`, {
      protected: true,
      reason: 'production needs evals',
      actor: 'lead',
    });
    expect(protectedLabel.body).toEqual({ label: 'production', protected: true });

    const refused = await api.put(`${BASE}/labels/production`, { version: 2, reason: 'ship' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('label_protected');
    expect(refused.body.error.message).toMatch(/v2 has no eval gate recorded/);

    const failing = await api.post(`${BASE}/versions/2/gates`, {
      passed: false,
      passRate: 0.8,
      total: 50,
      actor: 'ci',
    });
    expect(failing.status).toBe(201);
    const stillRefused = await api.put(`${BASE}/labels/production`, { version: 2, reason: 'ship' });
    expect(stillRefused.body.error.message).toMatch(/failed \(pass rate 80\.0 %\)/);

    const passing = await api.post(`${BASE}/versions/2/gates`, {
      passed: true,
      passRate: 1,
      total: 50,
      runId: 'eval-9',
      summary: '50/50 passed',
      actor: 'ci',
    });
    const moved = await api.put(`${BASE}/labels/production`, { version: 2, reason: 'ship' });
    expect(moved.body).toMatchObject({ from: 1, to: 2, gateId: passing.body.id });

    const override = await api.put(`${BASE}/labels/production`, {
      version: 3,
      reason: 'hotfix for outage, evals tomorrow',
      override: true,
      actor: 'oncall',
    });
    expect(override.body).toMatchObject({ to: 3, override: true });
    const history = (await api.get(`${BASE}/history?limit=2`)).body.items;
    expect(history[0]).toMatchObject({
      type: 'label_moved',
      override: true,
      actor: 'oncall',
      reason: 'hotfix for outage, evals tomorrow',
    });
    expect(
      (await api.get(`${BASE}/versions/2/gates`)).body.items.map(
        (g: { passed: boolean }) => g.passed,
      ),
    ).toEqual([true, false]);
    expect((await api.get(`${BASE}/labels`)).body.items).toEqual([
      { label: 'production', protected: true, version: 3 },
    ]);
  });

  it('refuses bad gate and protection input with clear errors', async () => {
    const cases: [
      Promise<{ status: number; body: { error: { message: string } } }>,
      number,
      RegExp,
    ][] = [
      [api.post(`${BASE}/versions/2/gates`, { passed: true, passRate: 1.5 }), 400, /passRate/],
      [api.post(`${BASE}/versions/2/gates`, { passRate: 1 }), 400, /passed/],
      [api.post(`${BASE}/versions/9/gates`, { passed: true, passRate: 1 }), 404, /no version 9/],
      [
        api.put(`${BASE}/labels/production/protection`, { protected: 'yes', reason: 'x' }),
        400,
        /protected/,
      ],
      [api.put(`${BASE}/labels/production/protection`, { protected: true }), 400, /reason/],
      [api.put(`${BASE}/labels/production/hold`, { mode: 'pause', reason: 'x' }), 400, /mode/],
      [api.post(`${BASE}/labels/production/release`, { reason: 'not held' }), 404, /is not held/],
    ];
    for (const [answer, status, pattern] of cases) {
      const { status: got, body } = await answer;
      expect(got, body.error.message).toBe(status);
      expect(body.error.message).toMatch(pattern);
    }
  });

  it('freezes a label for an incident (409 on moves) until released; a rollback hold moves it back', async () => {
    await api.put(`${BASE}/labels/production`, { version: 2, reason: 'ship v2' });
    const frozen = await api.put(`${BASE}/labels/production/hold`, {
      mode: 'freeze',
      reason: 'refusal rate alarm',
      incidentId: 'inc-42',
      actor: 'detection',
    });
    expect(frozen.body).toMatchObject({
      mode: 'freeze',
      guard: { freeze: { reason: 'refusal rate alarm', incidentId: 'inc-42' } },
    });
    const refused = await api.put(`${BASE}/labels/production`, { version: 3, reason: 'ship v3' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'label_frozen' });
    expect(refused.body.error.message).toMatch(/incident inc-42: refusal rate alarm/);

    const rolledBack = await api.put(`${BASE}/labels/production/hold`, {
      mode: 'rollback',
      reason: 'roll back pending review',
      incidentId: 'inc-42',
    });
    expect(rolledBack.body).toMatchObject({
      mode: 'rollback',
      move: { from: 2, to: 1, incidentId: 'inc-42' },
    });
    const released = await api.post(`${BASE}/labels/production/release`, {
      reason: 'reviewed',
      actor: 'lead',
    });
    expect(released.body).toEqual({ label: 'production', protected: false });
    expect(
      (await api.put(`${BASE}/labels/production`, { version: 3, reason: 'ship v3' })).status,
    ).toBe(200);
    const trail = (await api.get(`${BASE}/history?limit=4`)).body.items;
    expect(trail.map((e: { type: string; incidentId?: string }) => [e.type, e.incidentId])).toEqual(
      [
        ['label_moved', undefined],
        ['label_released', undefined],
        ['label_moved', 'inc-42'],
        ['label_frozen', 'inc-42'],
      ],
    );
  });

  it('applyHold works on the store alone, as the detection thread calls it', async () => {
    const key = { projectId: 'default', kind: 'prompt', name: 'support' };
    await api.put(`${BASE}/labels/production`, { version: 3, reason: 'ship v3' });
    const outcome = await applyHold(storage.artifacts, {
      ...key,
      label: 'production',
      mode: 'rollback',
      reason: 'monitor refusal-rate alarmed after v3',
      incidentId: 'inc-7',
    });
    expect(outcome).toMatchObject({
      mode: 'rollback',
      move: { from: 3, to: 1, actor: 'detection' },
    });
    // The server's event feed sees a hold made behind its back (it polls the store).
    expect((await api.get(BASE)).body.version.version).toBe(1);
    await expect(
      applyHold(storage.artifacts, { ...key, label: 'staging', mode: 'freeze', reason: 'x' }),
    ).rejects.toThrow(/no label "staging"/);
    await expect(
      applyHold(storage.artifacts, {
        ...key,
        name: 'nope',
        label: 'production',
        mode: 'freeze',
        reason: 'x',
      }),
    ).rejects.toThrow(/does not exist/);
    await expect(
      applyHold(storage.artifacts, {
        ...key,
        kind: 'widget',
        label: 'production',
        mode: 'freeze',
        reason: 'x',
      }),
    ).rejects.toThrow(/unknown artifact kind/);
  });
});
