import { extractObservation, type EventPosition, type Observation } from '@glassbox/core/detect';
import { LARGE_TRACE_SPANS, type TraceClassifier } from '@glassbox/core/ingest';
import { GLASSBOX_ATTRIBUTES } from '@glassbox/core/model';
import type { Storage } from '@glassbox/store';

/**
 * Takes the traces ingest changed (quiet for `settleMs`), reads each one's observation
 * with the findings stored at write time, saves them, and returns their event positions
 * per project so monitors can re-judge late arrivals. Given `classifierOf`, a trace of
 * LARGE_TRACE_SPANS spans or more, which ingest extends without classifying, is first
 * classified whole here, off the ingest thread.
 *
 * @example
 * const changed = await readObservations(storage, { limit: 5000, quietBeforeMs: Date.now() - 2000 });
 */
export async function readObservations(
  storage: Storage,
  options: {
    limit: number;
    quietBeforeMs: number;
    queuedBeforeMs?: number;
    classifierOf?: (projectId: string) => Promise<TraceClassifier>;
  },
): Promise<Map<string, EventPosition[]>> {
  const refs = await storage.detection.claimChangedTraces(options);
  const observations: Observation[] = [];
  for (const ref of refs) {
    let detail = await storage.traces.getTrace(ref.projectId, ref.traceId);
    if (!detail || detail.spans.length === 0) continue;
    if (options.classifierOf && detail.trace.spanCount >= LARGE_TRACE_SPANS) {
      await storage.traces.classifyTraces([ref], await options.classifierOf(ref.projectId));
      detail = (await storage.traces.getTrace(ref.projectId, ref.traceId)) ?? detail;
    }
    // A replayed run is an experiment, not production traffic: monitors never see it.
    if (detail.spans.some((s) => s.attributes[GLASSBOX_ATTRIBUTES.replayOfTrace] !== undefined))
      continue;
    const findings = await storage.traces.getFindings(ref.projectId, ref.traceId);
    observations.push(extractObservation(detail.spans, findings));
  }
  await storage.detection.putObservations(observations);
  const changed = new Map<string, EventPosition[]>();
  for (const o of observations) {
    const list = changed.get(o.projectId) ?? [];
    list.push({ ms: o.eventMs, traceId: o.traceId });
    changed.set(o.projectId, list);
  }
  return changed;
}
