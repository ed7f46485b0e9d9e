import { ArtifactError, checkArtifactKind } from '@glassbox/core/artifacts';
import type { Alert, Incident } from '@glassbox/core/detect';
import type { ArtifactStore } from '@glassbox/store';
import { applyHold, type HoldMode, type HoldOutcome } from './apply-hold.js';

/** A monitor's `on_alarm: hold`: which artifact label to hold, and how, when it alarms. */
export interface AlarmHold {
  mode: HoldMode;
  /** `kind/name`, e.g. `prompt/support`. */
  artifact: string;
  /** Default `production`. */
  label?: string;
}

/** A change alert's value as a version of `name`: `3`, `v3` or a version tag `support@v3`. */
function changedVersion(alert: Alert, name: string): number | undefined {
  const value = alert.evidence.current.value ?? alert.evidence.current.source;
  const match = /^(?:(.+)@)?v?(\d+)$/.exec(String(value ?? ''));
  if (!match || (match[1] !== undefined && match[1] !== name)) return undefined;
  return Number(match[2]);
}

/**
 * Carries out a monitor's `on_alarm: hold` for the incident its alert was filed under. The
 * version to act on is the one named by the incident's newest change alert (a new prompt
 * version) for the artifact: `rollback` moves the label back from it, and only while the label
 * still serves it (an incident never rolls back a version it did not see arrive); `freeze`
 * refuses every move of the label until released, with or without a change alert. The audit
 * trail names the incident and the change. Throws ArtifactError `invalid_hold` naming what is
 * missing.
 *
 * @example
 * await holdForAlarm(storage.artifacts, { incident, alerts, hold: { mode: 'rollback', artifact: 'prompt/support' } });
 */
export async function holdForAlarm(
  store: ArtifactStore,
  input: {
    incident: Incident;
    alerts: readonly Alert[];
    hold: AlarmHold;
    /** The changed version when known otherwise (holdTargets), and what named it. */
    change?: { version: number; why: string };
  },
  now: () => number = Date.now,
): Promise<HoldOutcome & { changedVersion?: number }> {
  const { incident, alerts, hold } = input;
  const [kind, name, extra] = hold.artifact.split('/');
  if (!kind || !name || extra !== undefined) {
    throw new ArtifactError(
      'invalid_hold',
      `on_alarm hold artifact must be "kind/name" (e.g. prompt/support), got "${hold.artifact}"`,
    );
  }
  const label = hold.label ?? 'production';
  const change =
    input.change ??
    alerts
      .filter((a) => a.change && incident.alertIds.includes(a.id))
      .map((alert) => ({ alert, version: changedVersion(alert, name) }))
      .filter((c): c is { alert: Alert; version: number } => c.version !== undefined)
      .sort((a, b) => b.alert.onsetMs - a.alert.onsetMs)
      .map((c) => ({
        version: c.version,
        why: `change alert "${c.alert.title}" (v${c.version})`,
      }))[0];
  const why = change?.why ?? 'no change alert named a version';
  if (hold.mode === 'rollback') {
    if (!change) {
      throw new ArtifactError(
        'invalid_hold',
        `incident ${incident.id} has no change alert naming a version of ${hold.artifact} to roll back`,
      );
    }
    const key = { projectId: incident.projectId, kind: checkArtifactKind(kind), name };
    const serving = (await store.getLabels(key))[label];
    if (serving !== undefined && serving !== change.version) {
      throw new ArtifactError(
        'invalid_hold',
        `label "${label}" of ${hold.artifact} serves v${serving}, not v${change.version} named by the change alert; nothing rolled back`,
      );
    }
  }
  const outcome = await applyHold(
    store,
    {
      projectId: incident.projectId,
      kind,
      name,
      label,
      mode: hold.mode,
      reason: `on_alarm ${hold.mode} for incident "${incident.title}": ${why}`,
      incidentId: incident.id,
    },
    now,
  );
  return change ? { ...outcome, changedVersion: change.version } : outcome;
}
