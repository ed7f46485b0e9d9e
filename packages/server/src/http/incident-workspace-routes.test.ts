import { describe, expect, it } from 'vitest';
import { incidentApp } from '../../test/support/incident-app.js';
import { testApp } from '../../test/support/test-app.js';

type App = Awaited<ReturnType<typeof incidentApp>>['app'];

const send = (app: App, method: 'PUT' | 'POST', url: string, payload: object) =>
  app.inject({ method, url, payload });

describe('incident workspace API', () => {
  it('answers 404 naming the incident for every workspace route', async () => {
    const { app } = await testApp();
    const calls = [
      app.inject({ method: 'GET', url: '/api/incidents/nope/workspace' }),
      app.inject({ method: 'GET', url: '/api/incidents/nope/timeline' }),
      send(app, 'PUT', '/api/incidents/nope/status', { author: 'ana', status: 'investigating' }),
      send(app, 'POST', '/api/incidents/nope/notes', { author: 'ana', text: 'hi' }),
      send(app, 'PUT', '/api/incidents/nope/runbook/review-scope', { author: 'ana', done: true }),
      app.inject({ method: 'GET', url: '/api/incidents/nope/postmortem/versions/latest' }),
      send(app, 'POST', '/api/incidents/nope/postmortem/versions', { author: 'ana', text: '#' }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().error.message).toBe('incident nope not found');
    }
  });

  it('moves the status through the lifecycle, refuses a bad move naming the allowed ones, and reopens', async () => {
    const { app, incidentId } = await incidentApp();
    const url = `/api/incidents/${incidentId}/status`;
    const initial = (
      await app.inject({ method: 'GET', url: `/api/incidents/${incidentId}/workspace` })
    ).json();
    expect(initial.state).toMatchObject({ status: 'triggered', lastSeq: 0 });

    const ack = await send(app, 'PUT', url, { author: 'ana', status: 'investigating' });
    expect(ack.statusCode).toBe(200);
    expect(ack.json().state).toMatchObject({
      status: 'investigating',
      statusSet: { author: 'ana' },
    });

    const back = await send(app, 'PUT', url, { author: 'ana', status: 'triggered' });
    expect(back.statusCode).toBe(400);
    expect(back.json().error).toEqual({
      code: 'invalid_request',
      message:
        'status cannot go from investigating to triggered; allowed from investigating: identified, monitoring, resolved',
    });
    const unknown = await send(app, 'PUT', url, { author: 'ana', status: 'fixed' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toMatch(/status/);
    const anonymous = await send(app, 'PUT', url, { status: 'resolved' });
    expect(anonymous.statusCode).toBe(400);
    expect(anonymous.json().error.message).toMatch(/author/);
    const blank = await send(app, 'PUT', url, { author: '  ', status: 'resolved' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.message).toBe('author is empty');

    expect((await send(app, 'PUT', url, { author: 'bo', status: 'resolved' })).statusCode).toBe(
      200,
    );
    const reopened = await send(app, 'PUT', url, {
      author: 'bo',
      status: 'investigating',
      reason: 'errors again',
    });
    expect(reopened.json().state).toMatchObject({ status: 'investigating', reopened: 1 });
  });

  it('keeps severity, owner and notes with who and when; refuses empty notes and unknown runbook items', async () => {
    const { app, incidentId } = await incidentApp();
    const base = `/api/incidents/${incidentId}`;
    expect(
      (await send(app, 'PUT', `${base}/severity`, { author: 'ana', severity: 'SEV1' })).statusCode,
    ).toBe(200);
    const bad = await send(app, 'PUT', `${base}/severity`, { author: 'ana', severity: 'P1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/severity/);
    await send(app, 'PUT', `${base}/owner`, { author: 'ana', owner: 'cy' });
    const noted = await send(app, 'POST', `${base}/notes`, {
      author: 'bo',
      text: 'rate limits on booking',
    });
    const state = noted.json().state;
    expect(state).toMatchObject({ severity: 'SEV1', owner: 'cy' });
    expect(state.notes).toEqual([
      expect.objectContaining({
        author: 'bo',
        text: 'rate limits on booking',
        atMs: expect.any(Number),
      }),
    ]);
    const empty = await send(app, 'POST', `${base}/notes`, { author: 'bo', text: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toBe('text is empty');

    const ticked = await send(app, 'PUT', `${base}/runbook/review-scope`, {
      author: 'bo',
      done: true,
    });
    const item = ticked
      .json()
      .runbook.phases[1].items.find((i: { id: string }) => i.id === 'review-scope');
    expect(item).toMatchObject({ done: true, by: 'hand', author: 'bo' });
    const triage = ticked.json().runbook.phases[0].items;
    expect(
      triage.filter((i: { done: boolean }) => i.done).map((i: { id: string }) => i.id),
    ).toEqual(['set-severity', 'assign-owner']);
    const unknown = await send(app, 'PUT', `${base}/runbook/pray`, { author: 'bo', done: true });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toMatch(
      /unknown runbook item "pray"; known: set-severity, assign-owner/,
    );
  });

  it('ticks runbook items it sees done and puts every source on the timeline', async () => {
    const { app, storage, incidentId } = await incidentApp();
    const failing = (
      await app.inject({ method: 'GET', url: '/api/traces?outcome=error&limit=1' })
    ).json().items[0];
    await storage.replays.saveRun({
      id: 'run-1',
      projectId: 'default',
      traceId: failing.traceId,
      spanId: '0'.repeat(16),
      kind: 'bisect',
      createdAtMs: Date.now(),
      summary: 'prompt fixes it',
      result: {},
    });
    // A replay of a trace outside the incident's window stays off its timeline and runbook.
    await storage.replays.saveRun({
      id: 'run-elsewhere',
      projectId: 'default',
      traceId: 'f'.repeat(32),
      spanId: '0'.repeat(16),
      kind: 'replay',
      createdAtMs: Date.now(),
      summary: 'unrelated',
      result: {},
    });
    const key = { projectId: 'default', kind: 'prompt' as const, name: 'booking' };
    for (const text of ['v7', 'v8']) {
      await storage.artifacts.createVersion(key, {
        content: text,
        config: {},
        hash: text,
        createdBy: 'ana',
        createdAtMs: Date.now(),
      });
    }
    await storage.artifacts.moveLabel(key, 'production', 2, {
      actor: 'ana',
      reason: 'ship v8',
      atMs: Date.now() - 1000,
    });
    await storage.artifacts.moveLabel(key, 'production', 1, {
      actor: 'ana',
      reason: 'rate limits',
      atMs: Date.now(),
    });
    const monitor = await send(app, 'POST', '/api/monitors', {
      id: 'rate-limits',
      metric: 'finding_rate:rate_limit',
      detector: 'bernoulli_cusum',
      params: { p0: 0.02, h: 3 },
    });
    expect(monitor.statusCode, monitor.body).toBe(201);
    await send(app, 'POST', `/api/incidents/${incidentId}/notes`, {
      author: 'bo',
      text: 'rolled back',
    });

    const view = (
      await app.inject({ method: 'GET', url: `/api/incidents/${incidentId}/workspace` })
    ).json();
    const items = view.runbook.phases.flatMap((p: { items: object[] }) => p.items);
    const item = (id: string) => items.find((i: { id: string }) => i.id === id);
    expect(item('check-versions')).toMatchObject({
      done: true,
      by: 'glassbox',
      evidence: `bisect run-1 on trace ${failing.traceId}`,
    });
    expect(item('roll-back')).toMatchObject({
      done: true,
      author: 'ana',
      evidence: 'prompt booking label production moved to v2',
    });
    expect(item('add-monitor')).toMatchObject({ done: true, evidence: 'monitor rate-limits' });

    const timeline = (
      await app.inject({ method: 'GET', url: `/api/incidents/${incidentId}/timeline` })
    ).json().items;
    const kinds = timeline.map((e: { kind: string }) => e.kind);
    for (const kind of [
      'alert_onset',
      'alert_opened',
      'prompt_change',
      'bisect',
      'label_moved',
      'rollback',
      'note',
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    expect(timeline.find((e: { kind: string }) => e.kind === 'rollback').text).toBe(
      'rollback: prompt booking label production v2 → v1 (rate limits)',
    );
    expect(kinds).not.toContain('replay');
    const times = timeline.map((e: { atMs: number }) => e.atMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('saves edited postmortems as numbered versions over the generated draft (version 0)', async () => {
    const { app, incidentId } = await incidentApp();
    const base = `/api/incidents/${incidentId}/postmortem/versions`;
    const draft = (await app.inject({ method: 'GET', url: `${base}/latest` })).json();
    expect(draft).toMatchObject({ version: 0, author: 'glassbox' });
    expect(draft.text).toContain('## 2. What changed?');
    const saved = await send(app, 'POST', base, {
      author: 'ana',
      text: `${draft.text}\nReviewed by ana.`,
    });
    expect(saved.statusCode).toBe(201);
    expect(saved.json()).toMatchObject({ version: 1, author: 'ana' });
    await send(app, 'POST', base, { author: 'bo', text: '# v2' });
    expect((await app.inject({ method: 'GET', url: `${base}/latest` })).json()).toMatchObject({
      version: 2,
      text: '# v2',
      author: 'bo',
    });
    expect((await app.inject({ method: 'GET', url: `${base}/1` })).json().text).toMatch(
      /Reviewed by ana\.$/,
    );
    const list = (await app.inject({ method: 'GET', url: base })).json().items;
    expect(list.map((v: { version: number }) => v.version)).toEqual([0, 1, 2]);
    const missing = await app.inject({ method: 'GET', url: `${base}/7` });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe(
      `postmortem version 7 of incident ${incidentId} does not exist; versions: 0 (generated draft), 1, 2`,
    );
    const bad = await app.inject({ method: 'GET', url: `${base}/newest` });
    expect(bad.statusCode).toBe(400);
    const empty = await send(app, 'POST', base, { author: 'ana', text: '' });
    expect(empty.statusCode).toBe(400);
    const runbook = (
      await app.inject({ method: 'GET', url: `/api/incidents/${incidentId}/workspace` })
    ).json().runbook;
    expect(
      runbook.phases[3].items.find((i: { id: string }) => i.id === 'write-postmortem'),
    ).toMatchObject({ done: true, author: 'ana' });
  });
});
