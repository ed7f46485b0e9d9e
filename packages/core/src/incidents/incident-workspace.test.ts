import { describe, expect, it } from 'vitest';
import type { Alert } from '../detect/alert.js';
import type { Incident } from '../detect/incident.js';
import type { TraceRow } from '../postmortem/postmortem-evidence.js';
import { assembleIncidentTimeline } from './assemble-incident-timeline.js';
import { planWorkspaceAction, type WorkspaceChange } from './plan-workspace-action.js';
import { evaluateRunbook, RUNBOOK_ITEMS, type RunbookSignals } from './runbook.js';
import { trafficShifts } from './traffic-shifts.js';
import type { WorkspaceEntry } from './workspace-entry.js';
import { WorkspaceError } from './workspace-error.js';
import { workspaceState, type WorkspaceState } from './workspace-state.js';

const T0 = Date.UTC(2026, 0, 1);
const incident: Incident = {
  id: 'inc1',
  projectId: 'default',
  title: 'error rate up',
  severity: 'error',
  status: 'open',
  openedAtMs: T0,
  updatedAtMs: T0 + 600_000,
  alertIds: ['a1'],
  timeline: [],
};
const noSignals: RunbookSignals = { onsetMs: T0, replays: [], labelMoves: [], monitorsAdded: [] };

/** Applies changes one after another as the server does: plan against the state, store, fold. */
function act(
  changes: WorkspaceChange[],
  by = 'ana',
): { state: WorkspaceState; entries: WorkspaceEntry[] } {
  const entries: WorkspaceEntry[] = [];
  let state = workspaceState(incident, entries);
  changes.forEach((change, i) => {
    const action = planWorkspaceAction(state, change);
    entries.push({
      projectId: 'default',
      incidentId: 'inc1',
      seq: i + 1,
      atMs: T0 + (i + 1) * 60_000,
      author: by,
      action,
    });
    state = workspaceState(incident, entries);
  });
  return { state, entries };
}

describe('incident workspace state', () => {
  it('starts from detection: triggered, severity suggested from the detected one', () => {
    const state = workspaceState(incident, []);
    expect(state).toMatchObject({ status: 'triggered', severity: 'SEV2', lastSeq: 0 });
    expect(workspaceState({ ...incident, status: 'resolved' }, []).status).toBe('resolved');
  });

  it('follows the lifecycle, and a resolved incident can be reopened', () => {
    const { state } = act([
      { type: 'status', to: 'investigating' },
      { type: 'status', to: 'identified' },
      { type: 'status', to: 'resolved' },
      { type: 'status', to: 'investigating', reason: 'errors came back' },
    ]);
    expect(state.status).toBe('investigating');
    expect(state.reopened).toBe(1);
    expect(state.statusHistory.map((s) => s.to)).toEqual([
      'investigating',
      'identified',
      'resolved',
      'investigating',
    ]);
  });

  it('refuses a move the lifecycle does not allow, naming the allowed ones', () => {
    const { state } = act([{ type: 'status', to: 'resolved' }]);
    expect(() => planWorkspaceAction(state, { type: 'status', to: 'monitoring' })).toThrow(
      /cannot go from resolved to monitoring; allowed from resolved: investigating/,
    );
    expect(() => planWorkspaceAction(state, { type: 'status', to: 'triggered' })).toThrow(
      WorkspaceError,
    );
    const fresh = workspaceState(incident, []);
    expect(() => planWorkspaceAction(fresh, { type: 'status', to: 'triggered' })).toThrow(
      /allowed from triggered: investigating, identified, monitoring, resolved/,
    );
  });

  it('keeps notes with author and time, refusing empty or oversized text', () => {
    const { state } = act([{ type: 'note', text: '  rolled back prompt v8  ' }], 'bo');
    expect(state.notes).toEqual([
      { seq: 1, author: 'bo', atMs: T0 + 60_000, text: 'rolled back prompt v8' },
    ]);
    expect(() => planWorkspaceAction(state, { type: 'note', text: '   ' })).toThrow(/empty/);
    expect(() => planWorkspaceAction(state, { type: 'note', text: 'x'.repeat(10_001) })).toThrow(
      /10001 characters; at most 10000/,
    );
  });

  it('numbers postmortem versions from 1 (0 is the generated draft)', () => {
    const { state } = act([
      { type: 'postmortem', text: '# first' },
      { type: 'postmortem', text: '# second' },
    ]);
    expect(state.postmortemVersions.map((v) => [v.version, v.chars])).toEqual([
      [1, 7],
      [2, 8],
    ]);
  });

  it('sets and clears the owner and the severity', () => {
    const { state } = act([
      { type: 'owner', owner: 'ana' },
      { type: 'severity', to: 'SEV1' },
      { type: 'owner', owner: null },
    ]);
    expect(state.owner).toBeUndefined();
    expect(state.severity).toBe('SEV1');
  });
});

describe('runbook', () => {
  it('has four phases, due 15 min, 1 h, 4 h and 72 h after the onset', () => {
    const view = evaluateRunbook(workspaceState(incident, []), noSignals);
    expect(view.phases.map((p) => [p.id, (p.dueAtMs - T0) / 60_000])).toEqual([
      ['triage', 15],
      ['scope', 60],
      ['mitigate', 240],
      ['post-incident', 4320],
    ]);
    expect(view.done).toBe(0);
    expect(view.total).toBe(RUNBOOK_ITEMS.length);
  });

  it('ticks what Glassbox sees done: a replay ran, a label moved, a monitor was added', () => {
    const view = evaluateRunbook(workspaceState(incident, []), {
      onsetMs: T0,
      detectionResolvedAtMs: T0 + 9_000_000,
      replays: [{ id: 'r1', kind: 'bisect', traceId: 't'.repeat(32), atMs: T0 + 1000 }],
      labelMoves: [
        { artifact: 'prompt booking', label: 'production', to: 7, actor: 'ana', atMs: T0 + 2000 },
      ],
      monitorsAdded: [{ id: 'rate-limits', atMs: T0 + 3000 }],
    });
    const item = (id: string) => view.phases.flatMap((p) => p.items).find((i) => i.id === id)!;
    expect(item('check-versions')).toMatchObject({
      done: true,
      by: 'glassbox',
      evidence: expect.stringContaining('bisect r1'),
    });
    expect(item('roll-back')).toMatchObject({
      done: true,
      author: 'ana',
      evidence: 'prompt booking label production moved to v7',
    });
    expect(item('add-monitor')).toMatchObject({ done: true, evidence: 'monitor rate-limits' });
    expect(item('verify-recovery').done).toBe(true);
    expect(item('review-scope').done).toBe(false);
  });

  it('ticks the others by hand with who and when; the latest tick wins; unknown items are refused', () => {
    const { state } = act(
      [
        { type: 'runbook', itemId: 'review-scope', done: true },
        { type: 'runbook', itemId: 'inspect-traces', done: true },
        { type: 'runbook', itemId: 'inspect-traces', done: false },
      ],
      'cy',
    );
    const items = evaluateRunbook(state, noSignals).phases[1]!.items;
    expect(items[0]).toMatchObject({
      id: 'review-scope',
      done: true,
      by: 'hand',
      author: 'cy',
      atMs: T0 + 60_000,
    });
    expect(items[1]).toMatchObject({ id: 'inspect-traces', done: false });
    expect(() =>
      planWorkspaceAction(state, { type: 'runbook', itemId: 'pray', done: true }),
    ).toThrow(/unknown runbook item "pray"; known: set-severity/);
  });

  it('ticks triage items from workspace actions: severity, owner, acknowledgement', () => {
    const { state } = act([
      { type: 'severity', to: 'SEV2' },
      { type: 'owner', owner: 'ana' },
      { type: 'status', to: 'investigating' },
    ]);
    const triage = evaluateRunbook(state, noSignals).phases[0]!.items;
    expect(triage.filter((i) => i.done).map((i) => i.id)).toEqual([
      'set-severity',
      'assign-owner',
      'acknowledge',
    ]);
  });
});

describe('incident timeline', () => {
  const alert: Alert = {
    id: 'a1',
    projectId: 'default',
    title: 'error rate',
    message: 'error rate 0.3 > 0.02',
    onsetMs: T0,
    openedAtMs: T0 + 120_000,
    lastSeenMs: T0 + 500_000,
    resolvedAtMs: T0 + 600_000,
    change: false,
  } as Alert;
  const rows = (
    n: number,
    fromMs: number,
    route: (i: number) => string,
    model = 'gpt-a',
  ): TraceRow[] =>
    Array.from({ length: n }, (_, i) => ({
      traceId: `${fromMs}-${i}`,
      startMs: fromMs + i * 1000,
      rootName: route(i),
      models: [model],
      categories: [],
      versions: {},
      status: 'ok',
    }));

  it('orders alerts, changes, registry events, replays and people in time', () => {
    const traces = [
      ...rows(40, T0 - 60_000, (i) => (i % 5 === 0 ? 'book' : 'ask')),
      ...rows(40, T0, (i) => (i % 5 < 3 ? 'book' : 'ask'), 'gpt-b'),
    ];
    const { entries } = act([
      { type: 'note', text: 'looking' },
      { type: 'status', to: 'investigating' },
    ]);
    const timeline = assembleIncidentTimeline({
      incident,
      alerts: [alert],
      changes: [],
      traces,
      artifactEvents: [
        {
          seq: 1,
          kind: 'prompt',
          name: 'booking',
          actor: 'ana',
          reason: 'bad v8',
          atMs: T0 + 300_000,
          type: 'label_moved',
          label: 'production',
          from: 8,
          to: 7,
        },
        {
          seq: 2,
          kind: 'prompt',
          name: 'booking',
          actor: 'gate',
          reason: 'error rate',
          atMs: T0 + 30_000,
          type: 'canary_killed',
          version: 9,
        },
      ],
      replays: [
        {
          id: 'r1',
          kind: 'replay',
          traceId: 'f'.repeat(32),
          atMs: T0 + 200_000,
          summary: '3/5 failed',
        },
      ],
      entries,
    });
    expect(timeline.map((e) => e.kind)).toEqual([
      'alert_onset',
      'model_first_seen',
      'traffic_shift',
      'canary_killed',
      'note',
      'alert_opened',
      'status',
      'replay',
      'rollback',
      'alert_resolved',
    ]);
    expect(timeline.find((e) => e.kind === 'rollback')?.text).toBe(
      'rollback: prompt booking label production v8 → v7 (bad v8)',
    );
    expect(timeline.find((e) => e.kind === 'traffic_shift')?.text).toBe(
      'route book: 20 % of requests before the onset, 60 % after',
    );
    expect(timeline.find((e) => e.kind === 'model_first_seen')?.text).toBe(
      'model gpt-b first seen',
    );
  });

  it('sees no traffic shift with too few traces or a steady mix', () => {
    const steady = [
      ...rows(30, T0 - 60_000, (i) => (i % 2 ? 'a' : 'b')),
      ...rows(30, T0, (i) => (i % 2 ? 'a' : 'b')),
    ];
    expect(trafficShifts(steady, T0, T0 + 60_000)).toEqual([]);
    expect(
      trafficShifts(
        rows(5, T0 - 10_000, () => 'a'),
        T0,
        T0 + 1,
      ),
    ).toEqual([]);
  });
});
