import {
  ArtifactError,
  checkArtifactKind,
  checkArtifactName,
  rollbackTarget,
  type ArtifactKind,
  type LabelGuard,
  type LabelMove,
  type MoveClearance,
} from '@glassbox/core/artifacts';
import type { ArtifactStore } from '@glassbox/store';

/** What a hold does to a label: refuse moves until released, or go back to the previous version. */
export const HOLD_MODES = ['freeze', 'rollback'] as const;
export type HoldMode = (typeof HOLD_MODES)[number];

/** A hold on one label of one artifact, as a monitor's `on_alarm: hold` or a person asks it. */
export interface HoldRequest {
  projectId: string;
  kind: ArtifactKind | string;
  name: string;
  label: string;
  mode: HoldMode;
  reason: string;
  /** The incident the hold acts for; recorded on the audit-trail entry. */
  incidentId?: string;
  /** Who the audit trail names (default `detection`). */
  actor?: string;
}

/** What a hold did: the label's guard after a freeze, or the move of a rollback. */
export type HoldOutcome =
  { mode: 'freeze'; guard: LabelGuard } | { mode: 'rollback'; move: LabelMove & MoveClearance };

/** The audit trail's entries read to find where a label was before its latest move. */
const HISTORY_READ = 1000;

/**
 * Holds an artifact label for an incident, with nothing but the store: `freeze` refuses every
 * move of the label until it is released (POST .../labels/:label/release); `rollback` moves the
 * label back to where it pointed before its latest move (else the newest older unrevoked
 * version), past protection and any freeze, naming the incident. Both are recorded in the audit
 * trail with the incident id. Throws core's ArtifactError for an unknown artifact, label or a
 * label with nothing to roll back to.
 *
 * @example
 * await applyHold(storage.artifacts, { projectId: 'default', kind: 'model', name: 'router',
 *   label: 'production', mode: 'rollback', reason: 'refusal rate alarm', incidentId: 'inc-7' });
 */
export async function applyHold(
  store: ArtifactStore,
  hold: HoldRequest,
  now: () => number = Date.now,
): Promise<HoldOutcome> {
  const key = {
    projectId: hold.projectId,
    kind: checkArtifactKind(hold.kind),
    name: checkArtifactName(hold.name, 'name'),
  };
  checkArtifactName(hold.label, 'label');
  if (!(HOLD_MODES as readonly string[]).includes(hold.mode)) {
    throw new ArtifactError(
      'invalid_hold',
      `hold mode must be one of ${HOLD_MODES.join(', ')}, got "${String(hold.mode)}"`,
    );
  }
  if (hold.reason.trim() === '') throw new ArtifactError('invalid_hold', 'a hold needs a reason');
  const versions = await store.listVersions(key);
  if (versions.length === 0) {
    throw new ArtifactError('unknown_artifact', `${key.kind} "${key.name}" does not exist`);
  }
  const current = (await store.getLabels(key))[hold.label];
  if (current === undefined) {
    throw new ArtifactError(
      'unknown_label',
      `${key.kind} "${key.name}" has no label "${hold.label}" to hold`,
    );
  }
  const by = {
    actor: hold.actor ?? 'detection',
    reason: hold.reason,
    atMs: now(),
    ...(hold.incidentId !== undefined ? { incidentId: hold.incidentId } : {}),
  };
  if (hold.mode === 'freeze') {
    return { mode: 'freeze', guard: await store.freezeLabel(key, hold.label, true, by) };
  }
  const target = rollbackTarget(
    hold.label,
    current,
    await store.history(key, HISTORY_READ),
    versions,
  );
  if (target === undefined) {
    throw new ArtifactError(
      'invalid_hold',
      `label "${hold.label}" serves v${current} and there is no earlier unrevoked version to roll back to`,
    );
  }
  const { incidentId: _incident, ...actor } = by;
  const move = await store.moveLabel(key, hold.label, target, actor, {
    hold: true,
    ...(hold.incidentId !== undefined ? { incidentId: hold.incidentId } : {}),
  });
  return { mode: 'rollback', move };
}
