import { describe, expect, it } from 'vitest';
import type { Alert } from '../detect/alert.js';
import type { Incident } from '../detect/incident.js';
import { defaultMonitors } from '../detect/default-monitors.js';
import { assemblePostmortem } from './assemble-postmortem.js';
import { pickSamples } from './pick-samples.js';
import type { PostmortemEvidence, TraceRow, TraceSample } from './postmortem-evidence.js';
import { renderMarkdown } from './render-markdown.js';
import { renderYaml } from './render-yaml.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 1);
const ONSET = T0 + 200 * MIN;

/** 200 healthy requests a minute apart, then 100 where the booking route books twice 60 % of the time. */
function rows(category = 'duplicate_side_effect', failingRoute = 'book-repair'): TraceRow[] {
  const out: TraceRow[] = [];
  for (let i = 0; i < 300; i++) {
    const after = i >= 200;
    const route = i % 2 === 0 ? failingRoute : 'answer-question';
    const fails = after && route === failingRoute && i % 10 < 6;
    out.push({
      traceId: `t${String(i).padStart(31, '0')}`,
      startMs: T0 + i * MIN,
      sessionId: `s${i % 40}`,
      rootName: route,
      models: ['gpt-4o-mini'],
      categories: fails ? [category] : [],
      versions: { prompt: after ? 'booking-v8' : 'booking-v7' },
      status: 'ok',
    });
  }
  return out;
}

function alert(overrides: Partial<Alert>): Alert {
  return {
    id: 'a1',
    projectId: 'default',
    monitorId: 'finding-duplicate-side-effect',
    dedupeKey: 'x',
    title: 'Rate of duplicate side effect',
    message: 'rate rose',
    metric: 'finding_rate:duplicate_side_effect',
    severity: 'warning',
    status: 'open',
    onsetMs: ONSET,
    openedAtMs: ONSET + 12 * MIN,
    lastSeenMs: ONSET + 50 * MIN,
    count: 3,
    evidence: {
      detector: 'bernoulli_cusum',
      params: {},
      statistic: 9,
      threshold: 5,
      baseline: {},
      current: {},
      chart: [],
      exampleTraceIds: [],
    },
    change: false,
    ...overrides,
  } as Alert;
}

const incident: Incident = {
  id: 'inc-1',
  projectId: 'default',
  title: 'Rate of duplicate side effect',
  severity: 'warning',
  status: 'open',
  openedAtMs: ONSET,
  updatedAtMs: ONSET + 50 * MIN,
  alertIds: ['a1', 'c1'],
  timeline: [
    { atMs: ONSET, type: 'first_anomaly', message: 'first anomaly', alertId: 'a1' },
    {
      atMs: ONSET + 12 * MIN,
      type: 'alert',
      message: 'Rate of duplicate side effect',
      alertId: 'a1',
    },
  ],
};

function sample(row: TraceRow): TraceSample {
  return { ...row, input: 'book a repair', output: 'Booked twice.' };
}

function evidence(traces: TraceRow[], changes: Alert[], resolvedAtMs?: number): PostmortemEvidence {
  const endMs = resolvedAtMs ?? T0 + 300 * MIN;
  const picked = pickSamples(
    traces,
    ['duplicate_side_effect'],
    resolvedAtMs === undefined
      ? { onsetMs: ONSET, endMs }
      : { onsetMs: ONSET, endMs, resolvedAtMs },
  );
  const byId = new Map(traces.map((t) => [t.traceId, t]));
  const load = (ids: string[]) => ids.map((id) => sample(byId.get(id)!));
  return {
    incident:
      resolvedAtMs === undefined ? incident : { ...incident, status: 'resolved', resolvedAtMs },
    alerts: [alert({})],
    changes,
    monitors: defaultMonitors(),
    traces,
    windowFromMs: T0,
    windowToMs: T0 + 300 * MIN,
    failing: load(picked.failing),
    healthy: load(picked.healthy),
    afterFix: load(picked.afterFix),
    generatedAtMs: T0 + 400 * MIN,
  };
}

describe('assemblePostmortem', () => {
  const promptChange = alert({
    id: 'c1',
    change: true,
    metric: 'prompt_version_share',
    title: 'New prompt version',
    message: 'new prompt version "booking-v8" (before: booking-v7)',
    onsetMs: ONSET - 2 * MIN,
  });
  const lateModelChange = alert({
    id: 'c2',
    change: true,
    metric: 'model_share',
    title: 'New model',
    message: 'new model "gpt-4o-2026"',
    onsetMs: ONSET + 3 * MIN,
  });

  it('answers the four questions from the data, each citing its evidence', () => {
    const draft = assemblePostmortem(evidence(rows(), [lateModelChange, promptChange]));
    expect(draft.changes[0]?.text).toBe('new prompt version "booking-v8" (before: booking-v7)');
    expect(draft.changes.map((c) => c.links[0]?.id)).toEqual(['c1', 'c2']);
    expect(draft.scope.categories).toEqual(['duplicate_side_effect']);
    expect(draft.scope.affectedTraces).toBe(30);
    expect(draft.scope.traces).toBe(100);
    expect(draft.scope.verdict).toBe('systematic');
    expect(draft.scope.bySegment[0]).toMatchObject({
      key: 'route',
      value: 'book-repair',
      affected: 30,
      traces: 50,
    });
    expect(draft.layers[0]).toMatchObject({ layer: 'tools', share: 1 });
    expect(draft.rootCause.category).toBe('tool_failure');
    expect(draft.detectionGap.delayRequests).toBe(13);
    expect(draft.detectionGap.coveringMonitors).toContain('finding-duplicate-side-effect');
    expect(draft.failingTraces.length).toBeGreaterThanOrEqual(3);
    expect(draft.healthyTraces.length).toBeGreaterThanOrEqual(3);
    expect(draft.healthyTraces.every((t) => t.startMs < ONSET && t.categories.length === 0)).toBe(
      true,
    );
    expect(draft.driftOrAcute.kind).toBe('acute');
    for (const s of Object.values(draft.questions).flat()) {
      expect(s.basis === 'missing' || s.links.length > 0 || /monitor/i.test(s.text), s.text).toBe(
        true,
      );
    }
    expect(draft.questions.output[1]).toMatchObject({ basis: 'missing' });
    expect(draft.versionsAtStart).toEqual({ prompt: 'booking-v7' });
  });

  it('finds a version change in the traces when no change alert was raised', () => {
    const draft = assemblePostmortem(evidence(rows(), []));
    expect(draft.changes[0]).toMatchObject({
      kind: 'prompt',
      text: 'prompt version "booking-v7" → "booking-v8"',
    });
  });

  it('scopes an error spike the classifier has no category for by the error status', () => {
    const traces = rows().map((t) => ({
      ...t,
      status: t.categories.length > 0 ? ('error' as const) : ('ok' as const),
      categories: [],
    }));
    const draft = assemblePostmortem(evidence(traces, []));
    expect(draft.scope.categories).toEqual(['error_status']);
    expect(draft.scope.affectedTraces).toBe(30);
    expect(draft.detectionGap.unmonitoredCategories).toEqual([]);
    expect(draft.layers).toEqual([]);
  });

  it('abstains on the root cause when generation fails with no change on record', () => {
    const traces = rows('ungrounded_answer').map((t) => ({ ...t, versions: {} }));
    const draft = assemblePostmortem(evidence(traces, []));
    expect(draft.layers[0]?.layer).toBe('generation');
    expect(draft.rootCause.category).toBeNull();
    expect(draft.rootCause.reason.text).toMatch(/^Abstained/);
    expect(draft.questions.whatChanged[0]?.basis).toBe('missing');
  });

  it('proves recovery with the rate after the fix and traces from then', () => {
    const traces = [
      ...rows(),
      ...Array.from({ length: 50 }, (_, i) => ({
        ...rows()[0]!,
        traceId: `f${String(i).padStart(31, '0')}`,
        startMs: T0 + (310 + i) * MIN,
      })),
    ];
    const draft = assemblePostmortem(evidence(traces, [promptChange], T0 + 305 * MIN));
    expect(draft.recovery.after).toBe(0);
    expect(draft.recovery.residualRisk.text).toMatch(/^Recovered/);
    expect(draft.recovery.residualRisk.links.length).toBeGreaterThan(0);
  });
});

describe('renderers', () => {
  const draft = assemblePostmortem(evidence(rows(), []));

  it('writes YAML with exactly the template keys', () => {
    const yaml = renderYaml(draft);
    expect([...yaml.matchAll(/^([a-z_]+):/gm)].map((m) => m[1])).toEqual([
      'incident',
      'symptom',
      'timeline',
      'root_cause',
      'detection_gap',
      'resolution',
    ]);
    expect(yaml).toContain('  category: "tool_failure"');
  });

  it('writes Markdown with the four questions and links to the traces', () => {
    const md = renderMarkdown(draft);
    for (const heading of [
      '## 1. What was the output',
      '## 2. What changed?',
      '## 3. Isolated or systematic?',
      '## 4. What is the detection gap?',
    ]) {
      expect(md).toContain(heading);
    }
    expect(md).toContain(`(/traces/${draft.failingTraces[0]!.traceId})`);
    expect(md).toContain('**Not answered by the data:**');
  });
});
