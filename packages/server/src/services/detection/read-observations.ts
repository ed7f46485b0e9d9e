import { extractObservation, type EventPosition, type Observation } from '@glassbox/core/detect';
import { GLASSBOX_ATTRIBUTES } from '@glassbox/core/model';
import type { Storage } from '@glassbox/store';

/**
 * Takes the traces ingest changed (quiet for `settleMs`), reads each one's observation
 * with the findings stored at write time, saves them, and returns their event positions
 * per project so monitors can re-judge late arrivals.
 *
 * @example
 * const changed = await readObservations(storage, { limit: 5000, quietBeforeMs: Date.now() - 2000 });
 */
export async function readObservations(
  storage: Storage,
  options: { limit: number; quietBeforeMs: number },
): Promise<Map<string, EventPosition[]>> {
  const refs = await storage.detection.claimChangedTraces(options);
  const observations: Observation[] = [];
  for (const ref of refs) {
    const detail = await storage.traces.getTrace(ref.projectId, ref.traceId);
    if (!detail || detail.spans.length === 0) continue;
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
