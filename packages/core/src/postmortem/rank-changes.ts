import type { Alert } from '../detect/alert.js';
import type { ChangeItem } from './postmortem.js';
import type { PostmortemEvidence, TraceRow } from './postmortem-evidence.js';
import { retrievalChanges } from './retrieval-changes.js';

/** Changes after the onset count as this much farther away: a cause precedes its effect. */
const AFTER_ONSET_PENALTY = 2;
const KIND_OF_METRIC: Record<string, ChangeItem['kind']> = {
  model_share: 'model',
  sampling_share: 'sampling',
  prompt_version_share: 'prompt',
  source_share: 'source',
};

/**
 * The evidence's changes, closest to the onset first (see `rankChanges`), index versions and
 * document batches from its retrievals included.
 *
 * @example
 * evidenceChanges(evidence)[0]?.text; // 'prompt version "v7" → "v8"'
 */
export function evidenceChanges(evidence: PostmortemEvidence): ChangeItem[] {
  const onsetMs = evidence.incident.openedAtMs;
  const window = { fromMs: evidence.windowFromMs, toMs: evidence.windowToMs, onsetMs };
  const fromRetrieval = retrievalChanges(evidence.retrieval ?? [], window);
  return rankChanges(evidence.changes, evidence.traces, onsetMs, fromRetrieval);
}

/**
 * Every change near the onset, closest first: the change alerts the monitors raised, the
 * index changes retrievals show (`retrievalChanges`), plus version-snapshot keys (prompt,
 * index, agent, ...) whose dominant value differs between the traces before and after the
 * onset, dated by the first trace that carried the new value.
 */
export function rankChanges(
  changes: readonly Alert[],
  traces: readonly TraceRow[],
  onsetMs: number,
  fromRetrieval: readonly ChangeItem[] = [],
): ChangeItem[] {
  const fromAlerts: ChangeItem[] = changes.map((alert) => ({
    atMs: alert.onsetMs,
    kind: KIND_OF_METRIC[alert.metric] ?? 'other',
    text: alert.message,
    offsetMs: alert.onsetMs - onsetMs,
    links: [{ kind: 'alert', id: alert.id, label: alert.title }],
  }));
  // A shift a change alert already names (its new value quoted in the message) is the same
  // change, and so is an index version the retrievals date by its ingestion.
  const retrievalVersions = new Set(fromRetrieval.flatMap((c) => c.links.map((l) => l.id)));
  const fromVersions = versionShifts(traces, onsetMs).filter(
    (c) =>
      !fromAlerts.some((a) => a.text.includes(`"${c.links[0]?.id.split('=')[1]}"`)) &&
      !retrievalVersions.has(c.links[0]?.id ?? ''),
  );
  const distance = (c: ChangeItem) =>
    c.offsetMs <= 0 ? -c.offsetMs : c.offsetMs * AFTER_ONSET_PENALTY;
  return [...fromAlerts, ...fromRetrieval, ...fromVersions].sort(
    (a, b) => distance(a) - distance(b) || a.atMs - b.atMs,
  );
}

function versionShifts(traces: readonly TraceRow[], onsetMs: number): ChangeItem[] {
  const before = traces.filter((t) => t.startMs < onsetMs);
  const after = traces.filter((t) => t.startMs >= onsetMs);
  const keys = new Set(after.flatMap((t) => Object.keys(t.versions)));
  const items: ChangeItem[] = [];
  for (const key of keys) {
    const was = dominant(before, key);
    const now = dominant(after, key);
    if (now === undefined || now === was) continue;
    // A version key changed when its most common value before and after the onset differ.
    const first = traces.find((t) => t.versions[key] === now);
    const atMs = first?.startMs ?? onsetMs;
    items.push({
      atMs,
      kind: key === 'prompt' ? 'prompt' : key === 'model' ? 'model' : 'version',
      text: `${key} version ${was === undefined ? 'appeared' : `"${was}" →`} "${now}"`,
      offsetMs: atMs - onsetMs,
      links: [
        { kind: 'version', id: `${key}=${now}`, label: `${key} ${now}` },
        ...(first
          ? [{ kind: 'trace' as const, id: first.traceId, label: 'first trace with it' }]
          : []),
      ],
    });
  }
  return items;
}

function dominant(traces: readonly TraceRow[], key: string): string | undefined {
  const counts = new Map<string, number>();
  for (const t of traces) {
    const value = t.versions[key];
    if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}
