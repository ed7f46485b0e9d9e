import type { Alert, Incident } from '@glassbox/core/detect';
import { postmortemOf } from '@glassbox/server';
import type { GroundTruth } from '@glassbox/simulator';
import type { Storage } from '@glassbox/store';

/** What detection made of one scenario, for the demo's final table. */
export interface DemoOutcome {
  scenario: string;
  incident?: Incident;
  firstAlert?: Alert;
  changeAlert?: Alert;
  /** This scenario's requests between the injected onset and the first symptom alert. */
  delayRequests?: number;
  /** The layer the incident's postmortem draft names (or the most affected one). */
  topLayer?: string;
  labelledLayer: string;
  /** Incidents opened during the healthy phase, before anything was injected. */
  falseAlarms: number;
}

/** Incidents may start up to this long before the injected onset (CUSUM onset estimates). */
const ONSET_SLACK_MS = 10 * 60_000;
/** Alerts join incidents this long after the last request (INCIDENT_JOIN_WINDOW_MS). */
const TAIL_MS = 30 * 60_000;

/**
 * Matches each scenario's ground truth with the incident detection opened in its time range
 * and reads, from the stored alerts, observations and the postmortem draft, what a user
 * would want to see first.
 */
export async function demoOutcomes(
  storage: Storage,
  projectId: string,
  truths: readonly GroundTruth[],
): Promise<DemoOutcome[]> {
  const incidents = await storage.detection.listIncidents({ projectId, limit: 10_000 });
  const alerts = new Map(
    (await storage.detection.listAlerts({ projectId, limit: 100_000 })).map((a) => [a.id, a]),
  );
  const outcomes: DemoOutcome[] = [];
  for (const truth of truths) {
    const inRun = (i: Incident, from: number) =>
      i.openedAtMs >= from && i.openedAtMs <= truth.incident.toMs + TAIL_MS;
    const falseAlarms = incidents.filter(
      (i) => inRun(i, truth.healthy.fromMs) && i.openedAtMs < truth.onsetMs - ONSET_SLACK_MS,
    ).length;
    const incident = incidents
      .filter((i) => inRun(i, truth.onsetMs - ONSET_SLACK_MS))
      .sort((a, b) => a.openedAtMs - b.openedAtMs)[0];
    const outcome: DemoOutcome = {
      scenario: truth.scenario,
      labelledLayer: truth.failingLayer,
      falseAlarms,
    };
    if (incident) {
      const own = incident.alertIds
        .map((id) => alerts.get(id))
        .filter((a): a is Alert => a !== undefined)
        .sort((a, b) => a.openedAtMs - b.openedAtMs);
      outcome.incident = incident;
      outcome.firstAlert = own.find((a) => !a.change);
      outcome.changeAlert = own.find((a) => a.change);
      if (outcome.firstAlert) {
        outcome.delayRequests = await requestsBetween(
          storage,
          projectId,
          truth,
          outcome.firstAlert.openedAtMs,
        );
      }
      const { draft } = await postmortemOf(
        { traces: storage.traces, alerts: storage.detection, monitors: storage.detection },
        projectId,
        incident.id,
        'json',
      );
      outcome.topLayer = draft.rootCause.layer ?? draft.layers[0]?.layer;
    }
    outcomes.push(outcome);
  }
  return outcomes;
}

async function requestsBetween(
  storage: Storage,
  projectId: string,
  truth: GroundTruth,
  untilMs: number,
): Promise<number> {
  const tag = `scenario:${truth.scenario}`;
  let count = 0;
  let after: { ms: number; traceId: string } | undefined;
  for (;;) {
    const page = await storage.detection.listObservations({
      projectId,
      from: truth.onsetMs,
      to: untilMs + 1,
      limit: 5000,
      ...(after ? { after } : {}),
    });
    count += page.filter((o) => o.tags.includes(tag)).length;
    const last = page.at(-1);
    if (page.length < 5000 || !last) return count;
    after = { ms: last.eventMs, traceId: last.traceId };
  }
}
