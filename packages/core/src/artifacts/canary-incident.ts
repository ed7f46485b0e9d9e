import {
  INCIDENT_JOIN_WINDOW_MS,
  type CanaryKillEvidence,
  type Incident,
  type TimelineEntry,
} from '../detect/incident.js';
import type { ArtifactKind } from './artifact-kind.js';
import { canaryBoundary } from './canary-boundary.js';
import type { CanaryState } from './canary-gate.js';

/** Which artifact's canary ended, and when. */
export interface CanaryEnding {
  projectId: string;
  kind: ArtifactKind;
  name: string;
  state: CanaryState;
  /** The version the label served as control. */
  controlVersion?: number;
  atMs: number;
}

/** Both arms on every gate metric, the p-values and the boundary, as the incident keeps them. */
export function canaryKillEvidence(ending: CanaryEnding): CanaryKillEvidence {
  const { spec } = ending.state;
  const metrics = Object.entries(ending.state.metrics).map(([metric, m]) => {
    const boundary = canaryBoundary(m, spec.alpha, spec.tau);
    return {
      metric,
      control: { failures: m.control.successes, trials: m.control.trials },
      canary: { failures: m.treatment.successes, trials: m.treatment.trials },
      pValue: m.pValue,
      ...(boundary.boundaryDifference !== undefined
        ? { boundaryDifference: boundary.boundaryDifference }
        : {}),
    };
  });
  const reason = ending.state.reason ?? 'killed';
  return {
    kind: ending.kind,
    name: ending.name,
    label: spec.label,
    version: spec.version,
    ...(ending.controlVersion !== undefined ? { controlVersion: ending.controlVersion } : {}),
    metric: spec.metrics.find((m) => reason.startsWith(`${m} rate`)) ?? spec.metrics[0] ?? '',
    reason,
    alpha: spec.alpha,
    killedAtMs: ending.atMs,
    metrics,
  };
}

/** The project's open incident whose activity lies within the join window of `atMs`. */
function nearbyOpen(open: readonly Incident[], projectId: string, atMs: number, windowMs: number) {
  return open
    .filter((i) => i.status === 'open' && i.projectId === projectId)
    .filter((i) => atMs >= i.openedAtMs - windowMs && atMs <= i.updatedAtMs + windowMs)
    .sort((a, b) => b.updatedAtMs - a.updatedAtMs)[0];
}

/**
 * Files a canary kill as an incident: it joins the project's open incident active within the
 * join window (the symptoms a detector already saw), else opens one titled after the canary.
 * Either way the incident gains a `canary_killed` timeline entry and the gate's evidence.
 *
 * @example
 * const { incident, created } = fileCanaryKill(ending, openIncidents, { newId: randomUUID });
 */
export function fileCanaryKill(
  ending: CanaryEnding,
  open: readonly Incident[],
  context: { newId: () => string; windowMs?: number },
): { incident: Incident; created: boolean } {
  const evidence = canaryKillEvidence(ending);
  const entry: TimelineEntry = {
    atMs: ending.atMs,
    type: 'canary_killed',
    message: `canary of ${ending.kind} ${ending.name} v${evidence.version} on ${evidence.label} killed: ${evidence.reason}; the label stays`,
  };
  const near = nearbyOpen(
    open,
    ending.projectId,
    ending.atMs,
    context.windowMs ?? INCIDENT_JOIN_WINDOW_MS,
  );
  if (near) {
    return {
      created: false,
      incident: {
        ...near,
        updatedAtMs: Math.max(near.updatedAtMs, ending.atMs),
        timeline: [...near.timeline, entry].sort((a, b) => a.atMs - b.atMs),
        canaries: [...(near.canaries ?? []), evidence],
      },
    };
  }
  return {
    created: true,
    incident: {
      id: context.newId(),
      projectId: ending.projectId,
      title: `Canary killed: ${ending.kind} ${ending.name} v${evidence.version} (${evidence.metric})`,
      severity: 'error',
      status: 'open',
      openedAtMs: ending.atMs,
      updatedAtMs: ending.atMs,
      alertIds: [],
      timeline: [entry],
      canaries: [evidence],
    },
  };
}

/**
 * Notes a promotion on the open incidents where a canary of the same artifact was killed:
 * the fix that followed reached the label. Returns only the incidents it changed.
 *
 * @example for (const i of notePromotion(ending, openIncidents)) await store.putIncident(i);
 */
export function notePromotion(ending: CanaryEnding, open: readonly Incident[]): Incident[] {
  const { label, version } = ending.state.spec;
  return open
    .filter((i) => i.status === 'open' && i.projectId === ending.projectId)
    .filter((i) => i.canaries?.some((c) => c.kind === ending.kind && c.name === ending.name))
    .map((i) => ({
      ...i,
      updatedAtMs: Math.max(i.updatedAtMs, ending.atMs),
      timeline: [
        ...i.timeline,
        {
          atMs: ending.atMs,
          type: 'canary_promoted' as const,
          message: `canary of ${ending.kind} ${ending.name} v${version} promoted to ${label}: ${ending.state.reason ?? 'passed its gates'}`,
        },
      ],
    }));
}
