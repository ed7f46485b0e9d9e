import type { Incident } from '@glassbox/core/detect';
import type { ArtifactEvent } from '@glassbox/core/artifacts';
import type { RunbookSignals, TimelineReplay } from '@glassbox/core/incidents';
import type { ArtifactStore, MonitorStore, ReplayRunStore, TraceQueries } from '@glassbox/store';

/** Failing traces of the incident whose replay runs are read, per outcome (newest first). */
const MAX_FAILING_TRACES = 500;
/** Registry events read back from the newest; older ones lie before any live incident. */
const MAX_ARTIFACT_EVENTS = 5000;
const REPLAY_READS_AT_ONCE = 16;

export interface SignalPorts {
  traces: TraceQueries;
  monitors: MonitorStore;
  replays: ReplayRunStore;
  artifacts: ArtifactStore;
}

/**
 * Replay and bisection runs on the incident's failing traces (errored or with findings,
 * between the onset and the end), plus any `extraTraceIds` (the postmortem's samples),
 * oldest first. The replay store is read by trace id, so the failing traces are capped.
 */
export async function incidentReplays(
  ports: Pick<SignalPorts, 'traces' | 'replays'>,
  projectId: string,
  incident: Incident,
  extraTraceIds: readonly string[] = [],
): Promise<TimelineReplay[]> {
  const to = incident.resolvedAtMs ?? Math.max(incident.updatedAtMs, Date.now());
  const pages = await Promise.all(
    (['error', 'failed'] as const).map((outcome) =>
      ports.traces.listTraces({
        projectId,
        from: incident.openedAtMs,
        to,
        outcome,
        limit: MAX_FAILING_TRACES,
      }),
    ),
  );
  const ids = [
    ...new Set([...pages.flatMap((p) => p.items.map((t) => t.traceId)), ...extraTraceIds]),
  ];
  const runs: TimelineReplay[] = [];
  for (let i = 0; i < ids.length; i += REPLAY_READS_AT_ONCE) {
    const batch = await Promise.all(
      ids.slice(i, i + REPLAY_READS_AT_ONCE).map((id) => ports.replays.listRuns(projectId, id)),
    );
    for (const run of batch.flat()) {
      runs.push({
        id: run.id,
        kind: run.kind,
        traceId: run.traceId,
        atMs: run.createdAtMs,
        summary: run.summary,
      });
    }
  }
  return runs.sort((a, b) => a.atMs - b.atMs);
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
