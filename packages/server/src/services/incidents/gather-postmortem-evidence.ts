import { diagnoseTrace } from '@glassbox/core/diagnose';
import {
  elevatedCategories,
  pickSamples,
  type PostmortemEvidence,
  type TraceSample,
} from '@glassbox/core/postmortem';
import type { AlertStore, MonitorStore, TraceQueries } from '@glassbox/store';

/** Traces read for one postmortem at most; scope says so when a window holds more. */
export const MAX_POSTMORTEM_TRACES = 200_000;
const HOUR_MS = 3_600_000;
const MIN_INCIDENT_MS = 30 * 60_000;
const MAX_LOOK_BACK_MS = 7 * 24 * HOUR_MS;

export interface PostmortemPorts {
  traces: TraceQueries;
  alerts: AlertStore;
  monitors: MonitorStore;
}

/** Thrown when the incident does not exist in the project. */
export class IncidentNotFound extends Error {}

/**
 * Reads everything a postmortem cites: the incident, its alerts and the project's change
 * alerts, the monitors, every trace of the window (look-back before the onset, the incident,
 * and as long again after a resolution), and diagnosed samples of failing, healthy and
 * post-fix traces. The window's length follows the incident's, so a two-hour incident is
 * compared with the two hours before it.
 */
export async function gatherPostmortemEvidence(
  ports: PostmortemPorts,
  projectId: string,
  incidentId: string,
  nowMs = Date.now(),
): Promise<PostmortemEvidence> {
  const incident = await ports.alerts.getIncident(projectId, incidentId);
  if (!incident) throw new IncidentNotFound(`incident ${incidentId} not found`);
  const onsetMs = incident.openedAtMs;
  const lastMs = incident.resolvedAtMs ?? incident.updatedAtMs;
  const durationMs = Math.max(lastMs - onsetMs, MIN_INCIDENT_MS);
  const windowFromMs = onsetMs - Math.min(Math.max(durationMs, HOUR_MS), MAX_LOOK_BACK_MS);
  const windowToMs =
    incident.resolvedAtMs !== undefined
      ? incident.resolvedAtMs + durationMs
      : lastMs + MIN_INCIDENT_MS;

  const [alerts, recent, monitors, read] = await Promise.all([
    Promise.all(incident.alertIds.map((id) => ports.alerts.getAlert(projectId, id))),
    ports.alerts.listAlerts({ projectId, limit: 1000 }),
    ports.monitors.listMonitors(projectId),
    readTraces(ports.traces, projectId, windowFromMs, windowToMs),
  ]);
  const own = alerts.filter((a) => a !== undefined);
  const changes = [
    ...own.filter((a) => a.change),
    ...recent.filter(
      (a) =>
        a.change &&
        !incident.alertIds.includes(a.id) &&
        a.onsetMs >= windowFromMs &&
        a.onsetMs <= windowToMs,
    ),
  ];
  const endMs = incident.resolvedAtMs ?? windowToMs;
  const categories = elevatedCategories(read.rows, onsetMs, endMs);
  const picked = pickSamples(read.rows, categories, {
    onsetMs,
    endMs,
    ...(incident.resolvedAtMs !== undefined ? { resolvedAtMs: incident.resolvedAtMs } : {}),
  });
  const sample = async (ids: string[]) =>
    (await Promise.all(ids.map((id) => describeTrace(ports.traces, projectId, id)))).filter(
      (s) => s !== undefined,
    );
  const [failing, healthy, afterFix] = await Promise.all([
    sample(picked.failing),
    sample(picked.healthy),
    sample(picked.afterFix),
  ]);
  return {
    incident,
    alerts: own.filter((a) => !a.change),
    changes,
    monitors: monitors.map((m) => m.definition),
    traces: read.rows,
    windowFromMs,
    windowToMs,
    tracesCapped: read.capped,
    failing,
    healthy,
    afterFix,
    generatedAtMs: nowMs,
  };
}

/** The window in one lean read, oldest first; one row past the cap says the window holds more. */
async function readTraces(traces: TraceQueries, projectId: string, from: number, to: number) {
  const rows = await traces.traceRows({ projectId, from, to, limit: MAX_POSTMORTEM_TRACES + 1 });
  const capped = rows.length > MAX_POSTMORTEM_TRACES;
  if (capped) rows.length = MAX_POSTMORTEM_TRACES;
  return { rows, capped };
}

/** A sampled trace with its texts and diagnosis; undefined when it was deleted meanwhile. */
async function describeTrace(
  traces: TraceQueries,
  projectId: string,
  traceId: string,
): Promise<TraceSample | undefined> {
  const [detail, findings] = await Promise.all([
    traces.getTrace(projectId, traceId),
    traces.getFindings(projectId, traceId),
  ]);
  if (!detail) return undefined;
  const summary = detail.trace;
  const diagnosis = diagnoseTrace(detail.spans, findings);
  return {
    traceId: summary.traceId,
    startMs: summary.startMs,
    ...(summary.rootName ? { rootName: summary.rootName } : {}),
    ...(summary.input !== undefined ? { input: summary.input } : {}),
    ...(summary.output !== undefined ? { output: summary.output } : {}),
    categories: summary.categories ?? [],
    models: summary.models,
    versions: summary.versions,
    ...(diagnosis.mostLikely ? { mostLikelyLayer: diagnosis.mostLikely } : {}),
    diagnosisSummary: diagnosis.summary,
  };
}
