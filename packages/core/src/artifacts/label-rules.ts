import { ArtifactError } from './artifact-error.js';
import { checkArtifactName } from './artifact-kind.js';
import type { ArtifactVersion } from './artifact-version.js';

/**
 * The label every artifact has without being set: its newest version that is not revoked.
 * It cannot be moved by hand.
 */
export const LATEST_LABEL = 'latest';

/** One move of a label, as the audit trail keeps it. */
export interface LabelMove {
  label: string;
  /** The version the label pointed at before; absent on the label's first assignment. */
  from?: number;
  to: number;
  actor: string;
  reason: string;
  atMs: number;
}

type VersionFacts = Pick<ArtifactVersion, 'version' | 'revokedAtMs'>;

/**
 * Checks that `label` may point at `version`: a valid, movable label name, a version that
 * exists and is not revoked. Throws ArtifactError `invalid_name`, `unknown_version` (with the
 * versions that do exist) or `revoked_version`.
 *
 * @example checkLabelMove('production', 3, versions)
 */
export function checkLabelMove(
  label: string,
  version: number,
  versions: readonly VersionFacts[],
): void {
  checkArtifactName(label, 'label');
  if (label === LATEST_LABEL) {
    throw new ArtifactError(
      'invalid_name',
      `"${LATEST_LABEL}" always follows the newest version and cannot be moved`,
    );
  }
  const target = versions.find((v) => v.version === version);
  if (!target) {
    const known = versions.map((v) => v.version);
    throw new ArtifactError(
      'unknown_version',
      `version ${version} does not exist; versions: ${known.length === 0 ? 'none' : known.join(', ')}`,
    );
  }
  if (target.revokedAtMs !== undefined) {
    throw new ArtifactError(
      'revoked_version',
      `version ${version} is revoked and cannot be labelled`,
    );
  }
}

/**
 * Resolves a label to a version number: `latest` is the newest unrevoked version; other
 * labels are looked up in `labels`. Throws `unknown_label` naming the labels that exist.
 *
 * @example resolveLabel('production', { production: 2 }, versions) // 2
 */
export function resolveLabel(
  label: string,
  labels: Readonly<Record<string, number>>,
  versions: readonly VersionFacts[],
): number {
  if (label === LATEST_LABEL) {
    const newest = versions
      .filter((v) => v.revokedAtMs === undefined)
      .reduce((max, v) => Math.max(max, v.version), 0);
    if (newest > 0) return newest;
  } else {
    const version = labels[label];
    if (version !== undefined) return version;
  }
  const names = [...Object.keys(labels), ...(versions.length > 0 ? [LATEST_LABEL] : [])];
  throw new ArtifactError(
    'unknown_label',
    `label "${label}" does not exist; labels: ${names.length === 0 ? 'none' : names.join(', ')}`,
  );
}

/**
 * Checks that a version may be revoked: it exists and no label points at it (a revoked
 * version must not be served, so labels move first, e.g. by a rollback).
 *
 * @example checkRevoke(3, { production: 2 }, versions)
 */
export function checkRevoke(
  version: number,
  labels: Readonly<Record<string, number>>,
  versions: readonly VersionFacts[],
): void {
  if (!versions.some((v) => v.version === version)) {
    throw new ArtifactError(
      'unknown_version',
      `version ${version} does not exist; versions: ${versions.map((v) => v.version).join(', ') || 'none'}`,
    );
  }
  const holding = Object.entries(labels)
    .filter(([, v]) => v === version)
    .map(([label]) => label);
  if (holding.length > 0) {
    throw new ArtifactError(
      'labelled_version',
      `version ${version} is the target of ${holding.map((l) => `"${l}"`).join(', ')}; move ${holding.length === 1 ? 'that label' : 'those labels'} first`,
    );
  }
}
