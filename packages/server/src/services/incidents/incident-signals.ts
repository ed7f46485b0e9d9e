import type { Incident } from '@glassbox/core/detect';
import type { ArtifactEvent } from '@glassbox/core/artifacts';
import type { RunbookSignals, TimelineReplay } from '@glassbox/core/incidents';
import type { ArtifactStore, MonitorStore, ReplayRunStore, TraceQueries } from '@glassbox/store';
import { MAX_POSTMORTEM_TRACES } from './gather-postmortem-evidence.js';

/** Replay runs read for one incident at most, oldest first. */
const MAX_REPLAY_RUNS = 5000;
/** Registry events read back from the newest; older ones lie before any live incident. */
const MAX_ARTIFACT_EVENTS = 5000;

export interface SignalPorts {
  traces: TraceQueries;
  monitors: MonitorStore;
  replays: ReplayRunStore;
  artifacts: ArtifactStore;
}

/**
 * Replay and bisection runs on the incident's traces, oldest first, in one read by time: the
 * project's runs created since `window.fromMs`, kept when they replayed a trace of the
 * window. The window's trace ids come from the caller (the postmortem evidence has them) or
 * from one lean read of the incident (onset to its end).
 */
export async function incidentReplays(
  ports: Pick<SignalPorts, 'traces' | 'replays'>,
  projectId: string,
  incident: Incident,
  window?: { fromMs: number; traceIds: ReadonlySet<string> },
): Promise<TimelineReplay[]> {
  const fromMs = window?.fromMs ?? incident.openedAtMs;
  const [traceIds, runs] = await Promise.all([
    window?.traceIds ?? incidentTraceIds(ports.traces, projectId, incident),
    ports.replays.listRunsBetween(projectId, fromMs, Number.MAX_SAFE_INTEGER, MAX_REPLAY_RUNS),
  ]);
  return runs
    .filter((run) => traceIds.has(run.traceId))
    .map((run) => ({
      id: run.id,
      kind: run.kind,
      traceId: run.traceId,
      atMs: run.createdAtMs,
      summary: run.summary,
    }));
}

async function incidentTraceIds(
  traces: TraceQueries,
  projectId: string,
  incident: Incident,
): Promise<Set<string>> {
  const to = incident.resolvedAtMs ?? Math.max(incident.updatedAtMs, Date.now());
  const rows = await traces.traceRows({
    projectId,
    from: incident.openedAtMs,
    to,
    limit: MAX_POSTMORTEM_TRACES,
  });
  return new Set(rows.map((r) => r.traceId));
}

/** The project's registry events from `fromMs` to `toMs`, oldest first. */
export async function artifactEventsBetween(
  artifacts: ArtifactStore,
  projectId: string,
  fromMs: number,
  toMs: number,
): Promise<ArtifactEvent[]> {
  const last = await artifacts.lastEventSeq(projectId);
  const events = await artifacts.eventsAfter(
    projectId,
    Math.max(0, last - MAX_ARTIFACT_EVENTS),
    MAX_ARTIFACT_EVENTS,
  );
  return events.filter((e) => e.atMs >= fromMs && e.atMs <= toMs);
}

/** What the runbook can see done since the onset: replays, label moves, monitors added. */
export async function runbookSignals(
  ports: SignalPorts,
  projectId: string,
  incident: Incident,
  replays: readonly TimelineReplay[],
): Promise<RunbookSignals> {
  const onsetMs = incident.openedAtMs;
  // Monitor times are wall-clock and the onset is event time: equal for live traffic, but a
  // monitor created before late-arriving (backfilled) traffic also counts as added.
  const [events, monitors] = await Promise.all([
    artifactEventsBetween(ports.artifacts, projectId, onsetMs, Number.MAX_SAFE_INTEGER),
    ports.monitors.listMonitors(projectId),
  ]);
  return {
    onsetMs,
    ...(incident.resolvedAtMs !== undefined
      ? { detectionResolvedAtMs: incident.resolvedAtMs }
      : {}),
    replays: replays.filter((r) => r.atMs >= onsetMs),
    labelMoves: events.flatMap((e) =>
      e.type === 'label_moved'
        ? [
            {
              artifact: `${e.kind} ${e.name}`,
              label: e.label,
              to: e.to,
              actor: e.actor,
              atMs: e.atMs,
            },
          ]
        : [],
    ),
    monitorsAdded: monitors
      .filter((m) => m.origin === 'api' && m.updatedAtMs >= onsetMs)
      .sort((a, b) => a.updatedAtMs - b.updatedAtMs)
      .map((m) => ({ id: m.definition.id, atMs: m.updatedAtMs })),
  };
}
