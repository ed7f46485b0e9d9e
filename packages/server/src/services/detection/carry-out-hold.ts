import { ArtifactError } from '@glassbox/core/artifacts';
import type {
  AlarmAction,
  Alert,
  Incident,
  MonitorDefinition,
  TimelineEntry,
} from '@glassbox/core/detect';
import type { ArtifactStore } from '@glassbox/store';
import type { HoldMode } from '../artifacts/apply-hold.js';
import { holdForAlarm } from '../artifacts/hold-for-alarm.js';
import { holdTargets, type HoldTarget, type PromptNameOf } from '../artifacts/hold-targets.js';

/** What the detection job needs to carry out holds: the registry, and a prompt's name. */
export interface HoldContext {
  artifacts: ArtifactStore;
  promptNameOf?: PromptNameOf;
  now?: () => number;
}

/** A monitor's on_alarm, including the short `hold` stored before the long form existed. */
function alarmAction(monitor: MonitorDefinition | undefined): AlarmAction | undefined {
  const onAlarm = monitor?.onAlarm as AlarmAction | AlarmAction['action'] | undefined;
  return typeof onAlarm === 'string' ? { action: onAlarm } : onAlarm;
}

/** One label to act on: a mapped target, or the artifact the monitor names. */
type Planned = Pick<HoldTarget, 'artifact' | 'label'> & { version?: number; because?: string };

/**
 * Carries out an incident's hold (`incident.hold`, recorded when a monitor with `on_alarm`
 * alarmed into it) in the artifact registry, once: the labels come from the monitor's
 * `artifact`, else from the suspected change (holdTargets); `hold` freezes them, `rollback`
 * moves them back, as `detection` with the alarm and the change as the reason. Returns the
 * incident with the outcome on its timeline (`hold_applied`, or `hold_not_applied` saying
 * why), or undefined while there is nothing to do yet (acted on already, or no change
 * identified for a hold that needs one).
 *
 * @example
 * const updated = await carryOutHold(incident, monitor, (id) => store.getAlert(projectId, id), { artifacts });
 * if (updated) await store.putIncident(updated);
 */
export async function carryOutHold(
  incident: Incident,
  monitor: MonitorDefinition | undefined,
  alertOf: (id: string) => Promise<Alert | undefined>,
  context: HoldContext,
): Promise<Incident | undefined> {
  const hold = incident.hold;
  if (!hold || hold.outcome) return undefined;
  const now = context.now ?? Date.now;
  const action = alarmAction(monitor);
  const atMs = Math.max(hold.atMs, ...incident.timeline.map((t) => t.atMs));
  const settle = (entries: TimelineEntry[], applied: boolean, artifacts: string[]): Incident => ({
    ...incident,
    hold: {
      ...hold,
      outcome: {
        atMs,
        applied,
        ...(artifacts.length ? { artifact: artifacts.join(', ') } : {}),
        message: entries.map((e) => e.message).join('; '),
      },
    },
    timeline: [...incident.timeline, ...entries],
  });
  const refused = (message: string): Incident =>
    settle([{ atMs, type: 'hold_not_applied', message, alertId: hold.alertId }], false, []);
  if (!action) return refused(`monitor ${hold.monitorId} no longer declares on_alarm`);
  const mode: HoldMode = action.action === 'rollback' ? 'rollback' : 'freeze';
  const label = action.label ?? 'production';
  const change = hold.change ? await alertOf(hold.change.alertId) : undefined;
  if (!change && !(action.artifact && mode === 'freeze')) return undefined;

  let planned: Planned[];
  if (change) {
    const mapped = await holdTargets(
      context.artifacts,
      incident.projectId,
      change,
      label,
      context.promptNameOf,
    );
    const targets = 'targets' in mapped ? mapped.targets : [];
    if (action.artifact) {
      const named = targets.filter((t) => t.artifact === action.artifact);
      planned = named.length ? named : [{ artifact: action.artifact, label }];
    } else if ('unmapped' in mapped) {
      return refused(`nothing to ${action.action}: ${mapped.unmapped}`);
    } else planned = targets;
  } else planned = [{ artifact: action.artifact as string, label }];

  const symptom = await alertOf(hold.alertId);
  const alarm = `${symptom?.title ?? hold.monitorId} alarmed (monitor ${hold.monitorId})`;
  const entries: TimelineEntry[] = [];
  const applied: string[] = [];
  for (const target of planned) {
    const why = [alarm, change ? `suspected change "${change.title}"` : undefined, target.because]
      .filter(Boolean)
      .join('; ');
    try {
      const outcome = await holdForAlarm(
        context.artifacts,
        {
          incident,
          alerts: change ? [change] : [],
          hold: { mode, artifact: target.artifact, label: target.label },
          ...(target.version !== undefined ? { change: { version: target.version, why } } : {}),
        },
        now,
      );
      applied.push(target.artifact);
      entries.push({
        atMs,
        type: 'hold_applied',
        message:
          outcome.mode === 'rollback'
            ? `detection rolled "${target.label}" of ${target.artifact} back from v${outcome.move.from ?? '?'} to v${outcome.move.to}: ${why}`
            : `detection froze "${target.label}" of ${target.artifact} pending review (release it to move it again): ${why}`,
        alertId: hold.alertId,
      });
    } catch (error) {
      const known =
        error instanceof ArtifactError && error.code === 'unknown_artifact'
          ? `; the project's artifacts: ${(await context.artifacts.listArtifacts(incident.projectId)).map((a) => `${a.kind}/${a.name}`).join(', ') || 'none'}`
          : '';
      entries.push({
        atMs,
        type: 'hold_not_applied',
        message: `${action.action} of "${target.label}" of ${target.artifact} not applied: ${(error as Error).message}${known}`,
        alertId: hold.alertId,
      });
    }
  }
  return settle(entries, applied.length > 0, applied);
}
