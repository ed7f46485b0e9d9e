import type { ArtifactVersion } from './artifact-version.js';
import type { ArtifactEvent } from './registry-records.js';

/**
 * The version a rollback of `label` goes back to: the one the label pointed at before its
 * latest move, if it is still unrevoked; else the newest unrevoked version older than the
 * current one. Undefined when there is none.
 *
 * @example rollbackTarget('production', 3, history, versions) // 2
 */
export function rollbackTarget(
  label: string,
  current: number,
  history: readonly ArtifactEvent[],
  versions: readonly Pick<ArtifactVersion, 'version' | 'revokedAtMs'>[],
): number | undefined {
  const usable = (n: number | undefined) =>
    n !== undefined &&
    n !== current &&
    versions.some((v) => v.version === n && v.revokedAtMs === undefined);
  // History is newest first.
  const lastMove = history.find(
    (e) => e.type === 'label_moved' && e.label === label && e.to === current,
  );
  const previous = lastMove?.type === 'label_moved' ? lastMove.from : undefined;
  if (usable(previous)) return previous;
  return versions
    .filter((v) => v.version < current && v.revokedAtMs === undefined)
    .reduce<number | undefined>((best, v) => Math.max(best ?? 0, v.version), undefined);
}
