import { diagnoseTrace } from '@glassbox/core/diagnose';
import {
  elevatedCategories,
  pickSamples,
  retrievalSighting,
  TraceReservoir,
  type RetrievalSighting,
  type PostmortemEvidence,
  type TraceSample,
} from '@glassbox/core/postmortem';
import type { TraceRow } from '@glassbox/core/model';
import type { AlertStore, MonitorStore, TraceQueries } from '@glassbox/store';

/** Traces one postmortem counts at most; a busier window is sampled, and scope says so. */
export const MAX_POSTMORTEM_TRACES = 200_000;
const HOUR_MS = 3_600_000;
const MIN_INCIDENT_MS = 30 * 60_000;
const MAX_LOOK_BACK_MS = 7 * 24 * HOUR_MS;
/** Traces probed for what their retrievals returned, on each side of the onset. */
const RETRIEVAL_PROBES = 24;
/** Retriever spans read per probed trace at most. */
const RETRIEVERS_PER_TRACE = 3;

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
  maxTraces = MAX_POSTMORTEM_TRACES,
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
    readTraces(ports.traces, projectId, incidentId, windowFromMs, windowToMs, maxTraces),
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
  const [failing, healthy, afterFix, retrieval] = await Promise.all([
    sample(picked.failing),
    sample(picked.healthy),
    sample(picked.afterFix),
    readRetrievals(ports.traces, projectId, probeTraces(read.rows, onsetMs)),
  ]);
  return {
    incident,
    alerts: own.filter((a) => !a.change),
    changes,
    monitors: monitors.map((m) => m.definition),
    traces: read.rows,
    windowFromMs,
    windowToMs,
    ...(read.sampling ? { sampling: read.sampling } : {}),
    failing,
    healthy,
    afterFix,
    retrieval,
    generatedAtMs: nowMs,
  };
}

/**
 * The window in one lean read, oldest first, when it holds at most `cap` traces (one row
 * past the cap says it holds more). A busier window is read on in pages, oldest first, into
 * a reservoir seeded by the incident: a uniform sample of `cap` traces over the whole window.
 */
async function readTraces(
  traces: TraceQueries,
  projectId: string,
  incidentId: string,
  from: number,
  to: number,
  cap: number,
) {
  const first = await traces.traceRows({ projectId, from, to, limit: cap + 1 });
  if (first.length <= cap) return { rows: first };
  const reservoir = new TraceReservoir(cap, incidentId);
  reservoir.offer(first);
  let last = first[first.length - 1]!;
  let limit = cap;
  for (;;) {
    const page = await traces.traceRows({ projectId, from: last.startMs, to, limit });
    // Pages start at the last row's time again, so rows up to it (ties by id) are skipped.
    const fresh = page.filter((r) => r.startMs > last.startMs || r.traceId > last.traceId);
    reservoir.offer(fresh);
    if (page.length < limit) break;
    const next: TraceRow | undefined = fresh[fresh.length - 1];
    // A whole page of traces sharing the last row's time: read more of them at once.
    if (next === undefined) limit *= 2;
    else last = next;
  }
  return { rows: reservoir.rows(), sampling: reservoir.sampling };
}

/**
 * Traces spread evenly over time on each side of the onset, for their retrievals: among the
 * traces whose version snapshot names an index when some do, else among all.
 */
function probeTraces(rows: readonly TraceRow[], onsetMs: number): TraceRow[] {
  const indexed = rows.filter((r) => r.versions.index !== undefined);
  const pool = indexed.length > 0 ? indexed : rows;
  const spread = (side: readonly TraceRow[]) => {
    if (side.length <= RETRIEVAL_PROBES) return side;
    const step = side.length / RETRIEVAL_PROBES;
    return Array.from({ length: RETRIEVAL_PROBES }, (_, i) => side[Math.floor(i * step)]!);
  };
  return [
    ...spread(pool.filter((r) => r.startMs < onsetMs)),
    ...spread(pool.filter((r) => r.startMs >= onsetMs)),
  ];
}

/** What the probed traces' retriever spans returned; traces without retrievals are left out. */
async function readRetrievals(
  traces: TraceQueries,
  projectId: string,
  probes: readonly TraceRow[],
): Promise<RetrievalSighting[]> {
  const sightings = await Promise.all(
    probes.map(async (row) => {
      const outline = await traces.getTraceOutline(projectId, row.traceId);
      const retrievers = (outline?.spans ?? [])
        .filter((s) => s.kind === 'retriever')
        .slice(0, RETRIEVERS_PER_TRACE);
      const spans = await Promise.all(
        retrievers.map((s) => traces.getSpan(projectId, row.traceId, s.spanId)),
      );
      return retrievalSighting(
        row.traceId,
        row.startMs,
        spans.filter((s) => s !== undefined),
      );
    }),
  );
  return sightings.filter((s) => s !== undefined);
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
