import { formatMs } from './detection-gap.js';
import type { EvidenceLink, Postmortem, Statement } from './postmortem.js';
import type { TraceSample } from './postmortem-evidence.js';

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const pct = (x: number | undefined) => (x === undefined ? '—' : `${(x * 100).toFixed(1)} %`);

/** Where a link points in the Glassbox UI, relative to its root. */
export function linkHref(link: EvidenceLink): string {
  switch (link.kind) {
    case 'trace':
      return `/traces/${link.id}`;
    case 'alert':
      return `/alerts/${link.id}`;
    case 'monitor':
      return `/monitors`;
    case 'eval_run':
      return `/runs`;
    default:
      return '';
  }
}

function cite(links: readonly EvidenceLink[]): string {
  const shown = links.slice(0, 5).map((l) => {
    const href = linkHref(l);
    return href ? `[${l.label}](${href})` : `\`${l.label}\``;
  });
  const more = links.length > 5 ? ` +${links.length - 5} more` : '';
  return shown.length > 0 ? ` — ${shown.join(', ')}${more}` : '';
}

function statement(s: Statement): string {
  return `- ${s.basis === 'missing' ? '**Not answered by the data:** ' : ''}${s.text}${cite(s.links)}`;
}

function traceRow(t: TraceSample): string {
  const cell = (text: string | undefined) =>
    (text ?? '').replace(/\s+/g, ' ').replace(/\|/g, '\\|').slice(0, 120);
  return `| [${t.traceId.slice(0, 12)}](/traces/${t.traceId}) | ${iso(t.startMs)} | ${cell(t.rootName)} | ${t.categories.join(', ') || '—'} | ${cell(t.input)} | ${cell(t.output)} |`;
}

/** The postmortem as Markdown for people: the four questions first, then the evidence. */
export function renderMarkdown(draft: Postmortem): string {
  const q = draft.questions;
  const out: string[] = [
    `# Postmortem: ${draft.title}`,
    '',
    `Incident \`${draft.incidentId}\` · severity ${draft.severity} · ${draft.status} · onset ${iso(draft.onsetMs)}${draft.resolvedAtMs ? ` · resolved ${iso(draft.resolvedAtMs)}` : ''}`,
    '',
    `_Draft assembled by Glassbox from stored evidence on ${iso(draft.generatedAtMs)}. Every statement cites its source; causal claims need human review._`,
    '',
    '## 1. What was the output, and what should it have been?',
    ...q.output.map(statement),
    '',
    '## 2. What changed?',
    ...q.whatChanged.map(statement),
    '',
    '## 3. Isolated or systematic?',
    ...q.isolatedOrSystematic.map(statement),
    '',
    '## 4. What is the detection gap?',
    ...q.detectionGap.map(statement),
    '',
    '## Root cause',
    statement(draft.rootCause.reason),
    statement(draft.driftOrAcute.reason),
    '',
    '### Failure layer (share of affected traces)',
    ...(draft.layers.length > 0
      ? draft.layers.map((l) => `- ${l.layer}: ${l.traces} traces (${pct(l.share)})`)
      : ['- No layer: no failure category rose after the onset.']),
    '',
    '## Version snapshot at incident start',
    ...(Object.keys(draft.versionsAtStart).length > 0
      ? Object.entries(draft.versionsAtStart).map(([k, v]) => `- ${k}: \`${v}\``)
      : [
          '- **Not answered by the data:** the traces carry no version snapshot; set `versions` in the SDK.',
        ]),
    '',
    '## Timeline',
    ...draft.timeline.map((t) => `- ${iso(t.atMs)} — ${t.text}${cite(t.links)}`),
    '',
    '## Failing traces',
    '| trace | start | route | findings | input | output |',
    '|---|---|---|---|---|---|',
    ...draft.failingTraces.map(traceRow),
    '',
    '## Healthy traces before the onset',
    '| trace | start | route | findings | input | output |',
    '|---|---|---|---|---|---|',
    ...draft.healthyTraces.map(traceRow),
    '',
    '## Proof of recovery',
    `- Failure rate before ${pct(draft.recovery.before)}, during ${pct(draft.recovery.during)}, after ${pct(draft.recovery.after)}`,
    statement(draft.recovery.residualRisk),
    '',
    '## Prevention',
    ...(draft.prevention.length > 0
      ? draft.prevention.map(statement)
      : ['- Nothing suggested by the evidence.']),
    '',
    '## Detection',
    `- Onset to first alert: ${draft.detectionGap.delayMs === undefined ? 'no symptom alert' : `${formatMs(draft.detectionGap.delayMs)}, ${draft.detectionGap.delayRequests} requests`}`,
    '',
  ];
  return out.join('\n');
}
