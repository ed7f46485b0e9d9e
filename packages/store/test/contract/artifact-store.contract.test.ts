import { expect, it } from 'vitest';
import {
  ArtifactError,
  checkCanaryInput,
  checkVersionInput,
  startCanary,
  type ArtifactKind,
  type CanaryState,
} from '@glassbox/core/artifacts';
import type { ArtifactKey } from '../../src/ports/artifact-store.js';
import { describeEachBackend } from '../support/backends.js';

const key = (
  name = 'support',
  kind: ArtifactKind = 'prompt',
  projectId = 'default',
): ArtifactKey => ({
  projectId,
  kind,
  name,
});
const prompt = (text: string) => {
  const { content, config, hash } = checkVersionInput('prompt', {
    content: [{ role: 'system', content: text }],
    config: { temperature: 0.2 },
  });
  return { content, config, hash, createdBy: 'ada', createdAtMs: 1000 };
};
const by = (reason: string, atMs = 2000) => ({ actor: 'ada', reason, atMs });

const codeOf = async (work: Promise<unknown>): Promise<string | undefined> => {
  try {
    await work;
  } catch (error) {
    if (error instanceof ArtifactError) return error.code;
    throw error;
  }
  return undefined;
};

describeEachBackend('ArtifactStore', (opened) => {
  it('numbers versions per artifact and keeps them exactly as stored', async () => {
    const store = opened.storage.artifacts;
    const v1 = await store.createVersion(key(), { ...prompt('one'), message: 'first' });
    const v2 = await store.createVersion(key(), prompt('two'));
    const other = await store.createVersion(key('support', 'model'), {
      ...prompt('x'),
      content: { model: 'gpt-4o-2024-08-06' },
    });
    expect([v1.version, v2.version, other.version]).toEqual([1, 2, 1]);
    expect(await store.getVersion(key(), 1)).toEqual(v1);
    expect(v1).toMatchObject({
      kind: 'prompt',
      name: 'support',
      content: [{ role: 'system', content: 'one' }],
      config: { temperature: 0.2 },
      message: 'first',
      createdBy: 'ada',
      createdAtMs: 1000,
    });
    expect(v1.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.getVersion(key(), 3)).toBeUndefined();
    expect((await store.listVersions(key())).map((v) => v.version)).toEqual([1, 2]);
    expect(await store.listVersions(key('missing'))).toEqual([]);
    expect(await store.listArtifacts('default')).toEqual([
      { kind: 'model', name: 'support', latestVersion: 1, labels: {} },
      { kind: 'prompt', name: 'support', latestVersion: 2, labels: {} },
    ]);
    expect(await store.listArtifacts('other')).toEqual([]);
  });

  it('numbers concurrent creations consecutively, with no gaps or duplicates', async () => {
    const store = opened.storage.artifacts;
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) => store.createVersion(key(), prompt(`v${i}`))),
    );
    expect(created.map((v) => v.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
  });

  it('moves labels with an audit trail of who, when, from, to and why', async () => {
    const store = opened.storage.artifacts;
    await store.createVersion(key(), prompt('one'));
    await store.createVersion(key(), prompt('two'));
    expect(await store.moveLabel(key(), 'production', 1, by('launch', 10))).toEqual({
      label: 'production',
      to: 1,
      actor: 'ada',
      reason: 'launch',
      atMs: 10,
    });
    const promoted = await store.moveLabel(key(), 'production', 2, by('better answers', 20));
    expect(promoted).toMatchObject({ from: 1, to: 2 });
    await store.moveLabel(key(), 'production', 1, by('rollback: refusals up', 30));
    expect(await store.getLabels(key())).toEqual({ production: 1 });
    const history = await store.history(key(), 10);
    expect(
      history.map((e) => [
        e.type,
        'from' in e ? e.from : undefined,
        'to' in e ? e.to : undefined,
        e.reason,
      ]),
    ).toEqual([
      ['label_moved', 2, 1, 'rollback: refusals up'],
      ['label_moved', 1, 2, 'better answers'],
      ['label_moved', undefined, 1, 'launch'],
    ]);
    expect(history[0]).toMatchObject({
      kind: 'prompt',
      name: 'support',
      actor: 'ada',
      atMs: 30,
      label: 'production',
    });
    expect(await store.history(key(), 1)).toHaveLength(1);
    expect((await store.listArtifacts('default'))[0]?.labels).toEqual({ production: 1 });
  });

  it('refuses a move to a missing or revoked version and leaves the label where it was', async () => {
    const store = opened.storage.artifacts;
    await store.createVersion(key(), prompt('one'));
    await store.createVersion(key(), prompt('two'));
    await store.moveLabel(key(), 'production', 1, by('launch'));
    expect(await codeOf(store.moveLabel(key(), 'production', 9, by('typo')))).toBe(
      'unknown_version',
    );
    await store.revokeVersion(key(), 2, by('leaks the system prompt'));
    expect(await codeOf(store.moveLabel(key(), 'production', 2, by('oops')))).toBe(
      'revoked_version',
    );
    expect(await store.getLabels(key())).toEqual({ production: 1 });
    expect((await store.getVersion(key(), 2))?.revokedAtMs).toBe(2000);
    expect(await codeOf(store.revokeVersion(key(), 1, by('no')))).toBe('labelled_version');
    const [revoked] = await store.history(key(), 1);
    expect(revoked).toMatchObject({
      type: 'version_revoked',
      version: 2,
      reason: 'leaks the system prompt',
    });
  });

  it('keeps both of two concurrent label moves in the trail; the last one wins', async () => {
    const store = opened.storage.artifacts;
    for (const t of ['a', 'b', 'c']) await store.createVersion(key(), prompt(t));
    await store.moveLabel(key(), 'production', 1, by('launch'));
    await Promise.all([
      store.moveLabel(key(), 'production', 2, by('ops-a')),
      store.moveLabel(key(), 'production', 3, by('ops-b')),
    ]);
    const [last, first] = await store.history(key(), 2);
    expect(first && 'from' in first ? first.from : undefined).toBe(1);
    // The second move replaced what the first one set: the trail is a chain.
    expect(last && 'from' in last ? last.from : undefined).toBe(
      first && 'to' in first ? first.to : -1,
    );
    expect((await store.getLabels(key())).production).toBe(last && 'to' in last ? last.to : -1);
  });

  it('streams events per project in order after a sequence number', async () => {
    const store = opened.storage.artifacts;
    expect(await store.lastEventSeq('default')).toBe(0);
    await store.createVersion(key('a'), prompt('a'));
    await store.createVersion(key('b'), prompt('b'));
    await store.createVersion(key('a', 'prompt', 'other'), prompt('x'));
    await store.moveLabel(key('a'), 'production', 1, by('1'));
    await store.moveLabel(key('b'), 'staging', 1, by('2'));
    await store.moveLabel(key('a', 'prompt', 'other'), 'production', 1, by('elsewhere'));
    expect(await store.lastEventSeq('default')).toBe(2);
    const after = await store.eventsAfter('default', 1, 10);
    expect(after).toEqual([
      expect.objectContaining({ seq: 2, name: 'b', label: 'staging', to: 1 }),
    ]);
    expect((await store.eventsAfter('default', 0, 1)).map((e) => e.seq)).toEqual([1]);
    expect((await store.eventsAfter('other', 0, 10)).map((e) => e.reason)).toEqual(['elsewhere']);
  });

  it('pins sessions with compare-and-set and counts live pins per version', async () => {
    const store = opened.storage.artifacts;
    const pinKey = { ...key(), label: 'production', sessionId: 's1' };
    expect(await store.getPin(pinKey)).toBeUndefined();
    const pin = { sessionId: 's1', version: 1, pinnedAtMs: 100, lastSeenMs: 100 };
    expect(await store.putPin(pinKey, pin, undefined)).toBe(true);
    expect(await store.putPin(pinKey, { ...pin, version: 2 }, undefined)).toBe(false);
    expect(await store.getPin(pinKey)).toEqual(pin);
    const seen = { ...pin, lastSeenMs: 200 };
    expect(await store.putPin(pinKey, seen, pin)).toBe(true);
    const stale = { ...pin, version: 7 };
    expect(await store.putPin(pinKey, { ...pin, version: 3 }, stale)).toBe(false);
    await store.putPin(
      { ...pinKey, sessionId: 's2' },
      { ...pin, sessionId: 's2', version: 2 },
      undefined,
    );
    await store.putPin(
      { ...pinKey, sessionId: 's3' },
      { ...pin, sessionId: 's3', lastSeenMs: 50 },
      undefined,
    );
    expect(await store.pinCounts(key(), 100)).toEqual([
      { label: 'production', version: 1, sessions: 1 },
      { label: 'production', version: 2, sessions: 1 },
    ]);
    expect(await store.pinSpans(key(), 100, 10)).toEqual([
      { label: 'production', version: 1, pinnedAtMs: 100, lastSeenMs: 200 },
      { label: 'production', version: 2, pinnedAtMs: 100, lastSeenMs: 100 },
    ]);
    expect(await store.pinSpans(key(), 100, 1)).toHaveLength(1);
    expect(await store.pinSpans(key('other'), 0, 10)).toEqual([]);
    expect(await store.endSession('default', 's1')).toBe(1);
    expect(await store.getPin(pinKey)).toBeUndefined();
    expect(await store.endSession('other', 's2')).toBe(0);
  });

  it('keeps session snapshots with their versions and finds the newest before a time', async () => {
    const store = opened.storage.artifacts;
    const versions = { prompt: 'support@v1' };
    const early = await store.saveSnapshot('default', {
      sessionId: 's1',
      state: { turns: ['hi'], nested: { n: 1 } },
      versions,
      takenAtMs: 100,
    });
    await store.saveSnapshot('default', {
      sessionId: 's1',
      state: { turns: ['hi', 'bad answer'] },
      versions: { prompt: 'support@v2' },
      takenAtMs: 200,
    });
    expect(early.id).toEqual(expect.any(String));
    expect(await store.findSnapshot('default', 's1', 150)).toEqual(early);
    expect((await store.findSnapshot('default', 's1'))?.versions).toEqual({ prompt: 'support@v2' });
    expect(await store.findSnapshot('default', 's1', 99)).toBeUndefined();
    expect(await store.findSnapshot('other', 's1')).toBeUndefined();
  });

  it('runs one canary at a time; a promotion moves the label and a kill records why', async () => {
    const store = opened.storage.artifacts;
    for (const t of ['a', 'b', 'c']) await store.createVersion(key(), prompt(t));
    await store.moveLabel(key(), 'production', 1, by('launch'));
    const spec = checkCanaryInput({ version: 2, percent: 5 }, { target: 1, salt: 'c1' });
    await store.startCanary(
      key(),
      { id: 'c1', state: startCanary(spec), startedAtMs: 10 },
      by('try v2', 10),
    );
    expect(
      await codeOf(
        store.startCanary(
          key(),
          { id: 'c2', state: startCanary(spec), startedAtMs: 11 },
          by('again'),
        ),
      ),
    ).toBe('invalid_canary');
    const gate = { actor: 'canary-gate', atMs: 20 };
    const stay = await store.judgeCanary(
      key(),
      (state) => ({ state, verdict: { action: 'continue' } }),
      gate,
    );
    expect(stay?.canary).toMatchObject({ id: 'c1', startedAtMs: 10, state: { status: 'running' } });
    const promote = (state: CanaryState) => ({
      state: { ...state, status: 'promoted' as const, reason: 'passed' },
      verdict: { action: 'promote' as const },
    });
    expect((await store.judgeCanary(key(), promote, gate))?.canary).toMatchObject({
      endedAtMs: 20,
    });
    expect(await store.getLabels(key())).toEqual({ production: 2 });
    expect(await store.judgeCanary(key(), promote, gate)).toBeUndefined();

    const spec3 = checkCanaryInput({ version: 3, percent: 5 }, { target: 2, salt: 'c3' });
    await store.startCanary(
      key(),
      { id: 'c3', state: startCanary(spec3), startedAtMs: 30 },
      by('try v3', 30),
    );
    expect((await store.getCanary(key()))?.id).toBe('c3');
    await store.judgeCanary(
      key(),
      (state) => ({
        state: { ...state, status: 'killed', reason: 'error rate up' },
        verdict: { action: 'kill', metric: 'error', reason: 'error rate up' },
      }),
      { actor: 'canary-gate', atMs: 40 },
    );
    expect(await store.getLabels(key())).toEqual({ production: 2 });
    expect(await store.getCanary(key())).toMatchObject({
      id: 'c3',
      endedAtMs: 40,
      state: { status: 'killed' },
    });
    const trail = (await store.history(key(), 10)).map((e) => [e.type, e.actor, e.reason]);
    expect(trail.slice(0, 4)).toEqual([
      ['canary_killed', 'canary-gate', 'error rate up'],
      ['canary_started', 'ada', 'try v3'],
      ['label_moved', 'canary-gate', 'passed'],
      ['canary_started', 'ada', 'try v2'],
    ]);
  });
});

describeEachBackend('ArtifactStore label guards', (opened) => {
  it('moves a protected label only through a passing gate of the target, or an override, all in the trail', async () => {
    const store = opened.storage.artifacts;
    for (const text of ['one', 'two', 'three']) await store.createVersion(key(), prompt(text));
    await store.moveLabel(key(), 'production', 1, by('launch'));
    expect(await store.labelGuards(key())).toEqual([]);
    expect(await store.protectLabel(key(), 'production', true, by('needs evals'))).toEqual({
      label: 'production',
      protected: true,
    });
    expect(await codeOf(store.moveLabel(key(), 'production', 2, by('no gate')))).toBe(
      'label_protected',
    );
    const failed = await store.recordGate(key(), {
      version: 2,
      passed: false,
      passRate: 0.7,
      total: 50,
      summary: '35/50 passed',
      actor: 'ci',
      atMs: 3000,
    });
    expect(await codeOf(store.moveLabel(key(), 'production', 2, by('gate failed')))).toBe(
      'label_protected',
    );
    const passed = await store.recordGate(key(), {
      version: 2,
      passed: true,
      passRate: 0.98,
      runId: 'run-7',
      actor: 'ci',
      atMs: 4000,
    });
    expect(passed.id).not.toBe(failed.id);
    expect((await store.listGates(key(), 2)).map((g) => g.passed)).toEqual([true, false]);
    expect(await store.listGates(key(), 3)).toEqual([]);
    expect(await store.moveLabel(key(), 'production', 2, by('gate passed'))).toMatchObject({
      from: 1,
      to: 2,
      gateId: passed.id,
    });
    expect(
      await store.moveLabel(key(), 'production', 3, by('hotfix, eval later'), { override: true }),
    ).toMatchObject({ to: 3, override: true });
    expect(await codeOf(store.recordGate(key(), { ...passed, version: 9 }))).toBe(
      'unknown_version',
    );
    // Another label of the same artifact is not protected.
    expect(await store.moveLabel(key(), 'staging', 3, by('free'))).toMatchObject({ to: 3 });
    const trail = await store.history(key(), 20);
    expect(trail.slice(0, 6).map((e) => e.type)).toEqual([
      'label_moved',
      'label_moved',
      'label_moved',
      'gate_recorded',
      'gate_recorded',
      'label_protected',
    ]);
    expect(trail[1]).toMatchObject({ override: true, reason: 'hotfix, eval later' });
    expect(trail[2]).toMatchObject({ gateId: passed.id });
    expect(trail[4]).toMatchObject({ version: 2, passed: false, passRate: 0.7 });
    await store.protectLabel(key(), 'production', false, by('evals optional again'));
    expect(await store.moveLabel(key(), 'production', 1, by('free again'))).toMatchObject({
      to: 1,
    });
  });

  it('refuses moves of a frozen label until released; a hold rollback passes, naming its incident', async () => {
    const store = opened.storage.artifacts;
    for (const text of ['one', 'two']) await store.createVersion(key(), prompt(text));
    await store.moveLabel(key(), 'production', 2, by('launch'));
    const frozen = await store.freezeLabel(key(), 'production', true, {
      ...by('refusal rate alarm'),
      incidentId: 'inc-1',
    });
    expect(frozen.freeze).toMatchObject({ reason: 'refusal rate alarm', incidentId: 'inc-1' });
    expect(await codeOf(store.moveLabel(key(), 'production', 1, by('manual')))).toBe(
      'label_frozen',
    );
    expect(
      await codeOf(store.moveLabel(key(), 'production', 1, by('override'), { override: true })),
    ).toBe('label_frozen');
    expect(
      await store.moveLabel(key(), 'production', 1, by('hold: roll back'), {
        hold: true,
        incidentId: 'inc-1',
      }),
    ).toMatchObject({ from: 2, to: 1, incidentId: 'inc-1' });
    expect((await store.freezeLabel(key(), 'production', false, by('reviewed'))).freeze).toBe(
      undefined,
    );
    expect(await store.moveLabel(key(), 'production', 2, by('after review'))).toMatchObject({
      to: 2,
    });
    const trail = await store.history(key(), 10);
    expect(trail.map((e) => [e.type, e.incidentId])).toEqual([
      ['label_moved', undefined],
      ['label_released', undefined],
      ['label_moved', 'inc-1'],
      ['label_frozen', 'inc-1'],
      ['label_moved', undefined],
    ]);
  });

  it('holds a canary promotion while its label is frozen and promotes once released', async () => {
    const store = opened.storage.artifacts;
    for (const text of ['one', 'two']) await store.createVersion(key(), prompt(text));
    await store.moveLabel(key(), 'production', 1, by('launch'));
    const spec = checkCanaryInput(
      { version: 2, percent: 50, minSamples: 1 },
      { target: 1, salt: 's' },
    );
    await store.startCanary(
      key(),
      { id: 'c1', state: startCanary(spec), startedAtMs: 1 },
      by('go'),
    );
    await store.freezeLabel(key(), 'production', true, by('hold'));
    const promote = (state: CanaryState) => ({
      state: { ...state, status: 'promoted' as const, reason: 'passed' },
      verdict: { action: 'promote' as const },
    });
    const held = await store.judgeCanary(key(), promote, { actor: 'gate', atMs: 5 });
    expect(held).toMatchObject({
      verdict: { action: 'continue' },
      canary: { state: { status: 'running' } },
    });
    expect((await store.getLabels(key())).production).toBe(1);
    await store.freezeLabel(key(), 'production', false, by('released'));
    const promoted = await store.judgeCanary(key(), promote, { actor: 'gate', atMs: 6 });
    expect(promoted?.verdict.action).toBe('promote');
    expect((await store.getLabels(key())).production).toBe(2);
  });
});
