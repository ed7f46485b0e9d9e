import type { Layer } from '../classify/failure-categories.js';
import { computeScope } from './compute-scope.js';
import { detectionGap, formatMs, metricFor } from './detection-gap.js';
import { elevatedCategories, isAffected } from './incident-categories.js';
import { layerShares } from './layer-shares.js';
import { onsetShape, rateSeries } from './onset-shape.js';
import type { EvidenceLink, Postmortem, Statement } from './postmortem.js';
import type { PostmortemEvidence, TraceRow, TraceSample } from './postmortem-evidence.js';
import { evidenceChanges } from './rank-changes.js';
import { rootCauseCategory } from './root-cause-category.js';

const percent = (x: number) => `${(x * 100).toFixed(1)} %`;
const traceLink = (t: { traceId: string }, label = 'trace'): EvidenceLink => ({
  kind: 'trace',
  id: t.traceId,
  label,
});

/**
 * The postmortem draft, assembled by code from the evidence: every statement cites what it
 * rests on, and where the data cannot answer a question the answer says what is missing.
 * Verdicts and numbers come only from here; a prose pass may reword, never change them.
 *
 * @example
 * const draft = assemblePostmortem(evidence);
 * renderMarkdown(draft);
 */
export function assemblePostmortem(evidence: PostmortemEvidence): Postmortem {
  const { incident, alerts, traces } = evidence;
  const onsetMs = incident.openedAtMs;
  const endMs = incident.resolvedAtMs ?? evidence.windowToMs;
  const categories = elevatedCategories(traces, onsetMs, endMs);
  const wanted = new Set(categories);
  const affected = traces.filter(
    (t) => t.startMs >= onsetMs && t.startMs <= endMs && isAffected(t, wanted),
  );
  const changes = evidenceChanges(evidence);
  const layers = layerShares(affected, categories);
  const topLayer: Layer | undefined = layers[0]?.layer;
  const cause = rootCauseCategory(topLayer, changes);
  const scope = computeScope(traces, categories, onsetMs, endMs, evidence.sampling);
  const series = rateSeries(traces, categories, evidence.windowFromMs, evidence.windowToMs);
  const shape = onsetShape(series, onsetMs);
  const gap = detectionGap({
    onsetMs,
    alerts,
    monitors: evidence.monitors,
    categories,
    traces,
    ...(evidence.evalCoverage ? { evalCoverage: evidence.evalCoverage } : {}),
  });
  const rate = (rows: TraceRow[]) =>
    rows.length > 0 ? rows.filter((t) => isAffected(t, wanted)).length / rows.length : undefined;
  const before = rate(traces.filter((t) => t.startMs < onsetMs));
  const during = rate(traces.filter((t) => t.startMs >= onsetMs && t.startMs <= endMs));
  const after =
    incident.resolvedAtMs === undefined
      ? undefined
      : rate(traces.filter((t) => t.startMs > incident.resolvedAtMs!));
  const versionsAtStart = lastBefore(traces, onsetMs)?.versions ?? {};

  return {
    incidentId: incident.id,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    generatedAtMs: evidence.generatedAtMs,
    onsetMs,
    ...(incident.resolvedAtMs !== undefined ? { resolvedAtMs: incident.resolvedAtMs } : {}),
    questions: {
      output: outputAnswers(evidence.failing),
      whatChanged:
        changes.length > 0
          ? changes.slice(0, 5).map((c) => ({
              text: `${c.text} (${formatMs(c.offsetMs)} from the onset)`,
              links: c.links,
              basis: 'data' as const,
            }))
          : [
              {
                text: 'No model, prompt, sampling or version change is on record within the look-back window: look at traffic and data (query shift, source data).',
                links: [],
                basis: 'missing',
              },
            ],
      isolatedOrSystematic: scopeAnswers(scope),
      detectionGap: gap.statements,
    },
    timeline: incident.timeline.map((entry) => ({
      atMs: entry.atMs,
      text: entry.message,
      links: entry.alertId
        ? [{ kind: 'alert' as const, id: entry.alertId, label: entry.type }]
        : [],
    })),
    changes,
    versionsAtStart,
    layers,
    rootCause: {
      category: cause.category,
      ...(topLayer ? { layer: topLayer } : {}),
      reason: {
        text:
          cause.category === null
            ? `Abstained: ${cause.why}. A person must name the root cause.`
            : `${cause.category}: ${cause.why}${layers[0] ? ` (${percent(layers[0].share)} of affected traces)` : ''}.`,
        links: evidence.failing.slice(0, 3).map((t) => traceLink(t, 'failing trace')),
        basis: cause.category === null ? 'missing' : 'data',
      },
    },
    driftOrAcute: {
      kind: shape,
      reason: {
        text:
          shape === 'unknown'
            ? 'Too few traces after the onset to tell drift from an acute failure.'
            : shape === 'acute'
              ? 'Acute: the failure rate reached most of its peak right after the onset.'
              : 'Drift: the failure rate rose gradually after the onset.',
        links: [
          {
            kind: 'metric',
            id: `failure_rate:${categories.join('+') || 'none'}`,
            label: 'failure rate over time',
          },
        ],
        basis: shape === 'unknown' ? 'missing' : 'data',
      },
    },
    scope,
    series,
    detectionGap: gap,
    failingTraces: evidence.failing,
    healthyTraces: evidence.healthy,
    recovery: {
      ...(before !== undefined ? { before } : {}),
      ...(during !== undefined ? { during } : {}),
      ...(after !== undefined ? { after } : {}),
      residualRisk: residualRisk(before, after, evidence.afterFix),
    },
    prevention: prevention(gap.unmonitoredCategories, changes.length > 0, categories),
  };
}

function lastBefore(traces: readonly TraceRow[], ms: number): TraceRow | undefined {
  let last: TraceRow | undefined;
  for (const t of traces) if (t.startMs < ms && (!last || t.startMs > last.startMs)) last = t;
  return last;
}

function outputAnswers(failing: readonly TraceSample[]): Statement[] {
  if (failing.length === 0) {
    return [
      { text: 'No failing trace was found in the incident window.', links: [], basis: 'missing' },
    ];
  }
  const example = failing[0]!;
  return [
    {
      text: `Example output: ${quote(example.output)}, showing ${example.categories.join(', ') || 'no finding'}${example.diagnosisSummary ? `; diagnosis: ${example.diagnosisSummary.replace(/\.$/, '')}` : ''}.`,
      links: [traceLink(example, 'failing trace')],
      basis: 'data',
    },
    {
      text: 'What it should have been: no expected output is recorded for these inputs; add the failing traces to a dataset with the expected answer.',
      links: failing.map((t) => traceLink(t, 'failing trace')),
      basis: 'missing',
    },
  ];
}

function scopeAnswers(scope: Postmortem['scope']): Statement[] {
  if (scope.categories.length === 0) {
    return [
      {
        text: 'No failure category rose after the onset, so the affected share cannot be counted from findings.',
        links: [],
        basis: 'missing',
      },
    ];
  }
  const top = scope.bySegment.filter((s) => s.affected > 0).slice(0, 3);
  return [
    {
      text: `${scope.verdict === 'isolated' ? 'Isolated' : 'Systematic'}: ${scope.affectedTraces} of ${scope.traces} traces (${percent(scope.affectedShare)}) ${scope.sessions > 0 ? `and ${scope.affectedSessions} of ${scope.sessions} sessions ` : ''}showed ${scope.categories.join(', ')}${scope.sampled ? ` (counts of a sample: ${scope.sampled.read.toLocaleString('en-US')} of ${scope.sampled.total.toLocaleString('en-US')} traces of the window, sampled uniformly over time)` : ''}.`,
      links: [
        { kind: 'metric', id: `scope:${scope.fromMs}-${scope.toMs}`, label: 'incident window' },
      ],
      basis: 'data',
    },
    ...top.map((s) => ({
      text: `${s.key} ${s.value}: ${s.affected} of ${s.traces} traces (${percent(s.share)}).`,
      links: [{ kind: 'metric' as const, id: `${s.key}=${s.value}`, label: `${s.key} ${s.value}` }],
      basis: 'data' as const,
    })),
  ];
}

function residualRisk(
  before: number | undefined,
  after: number | undefined,
  afterFix: readonly TraceSample[],
): Statement {
  if (after === undefined) {
    return {
      text: 'Not resolved yet: no proof of recovery.',
      links: [],
      basis: 'missing',
    };
  }
  const back = before === undefined || after <= before * 1.5 + 0.01;
  return {
    text: back
      ? `Recovered: the failure rate after the fix (${percent(after)}) is back near the baseline (${before === undefined ? 'unknown' : percent(before)}).`
      : `Residual risk: the failure rate after the fix (${percent(after)}) stays above the baseline (${percent(before!)}).`,
    links: afterFix.map((t) => traceLink(t, 'trace after the fix')),
    basis: 'data',
  };
}

function prevention(
  unmonitored: readonly string[],
  hadChange: boolean,
  categories: readonly string[],
): Statement[] {
  const items: Statement[] = unmonitored.map((c) => ({
    text: `Add a monitor on ${metricFor(c)}.`,
    links: [],
    basis: 'data' as const,
  }));
  if (hadChange) {
    items.push({
      text: 'Gate the next change of this kind: run the failing traces as an eval before moving the label, and roll out behind a canary.',
      links: [],
      basis: 'data',
    });
  }
  if (categories.length > 0) {
    items.push({
      text: `Add the failing traces to a regression dataset covering ${categories.join(', ')}.`,
      links: [],
      basis: 'data',
    });
  }
  return items;
}

function quote(text: string | undefined): string {
  if (text === undefined || text === '') return '(empty)';
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine);
}
