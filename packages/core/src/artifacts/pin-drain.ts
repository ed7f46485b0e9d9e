import { ArtifactError } from './artifact-error.js';

/** A stored pin as the drain chart needs it: when it began and when it was last seen. */
export interface PinSpan {
  label: string;
  version: number;
  pinnedAtMs: number;
  lastSeenMs: number;
}

/** Live sessions of one label and version at each instant of the series. */
export interface DrainSeries {
  label: string;
  version: number;
  points: { atMs: number; sessions: number }[];
}

/**
 * Sessions pinned to each version over time, from the pins as stored: a session counts as live
 * on its version from its pin until it idles out (last seen plus the idle timeout), the same
 * rule as the live count. A session that re-pinned (idled out, revoked) shows only its current
 * pin, and ended sessions are gone, so the past is a lower bound.
 *
 * @example drainSeries(pins, { fromMs, toMs, points: 60, idleMs: 30 * 60_000 })
 */
export function drainSeries(
  pins: readonly PinSpan[],
  range: { fromMs: number; toMs: number; points: number; idleMs: number },
): DrainSeries[] {
  const { fromMs, toMs, points, idleMs } = range;
  if (!(toMs > fromMs)) {
    throw new ArtifactError(
      'invalid_range',
      `drain range must end after it starts (${fromMs} to ${toMs})`,
    );
  }
  if (!Number.isInteger(points) || points < 2 || points > 500) {
    throw new ArtifactError(
      'invalid_range',
      `drain points must be an integer within 2-500, got ${points}`,
    );
  }
  const step = (toMs - fromMs) / (points - 1);
  const instants = Array.from({ length: points }, (_, i) => fromMs + i * step);
  const byVersion = new Map<string, DrainSeries>();
  for (const pin of pins) {
    const id = JSON.stringify([pin.label, pin.version]);
    let series = byVersion.get(id);
    if (!series) {
      series = {
        label: pin.label,
        version: pin.version,
        points: instants.map((atMs) => ({ atMs, sessions: 0 })),
      };
      byVersion.set(id, series);
    }
    const end = pin.lastSeenMs + idleMs;
    for (const point of series.points) {
      if (point.atMs >= pin.pinnedAtMs && point.atMs <= end) point.sessions += 1;
    }
  }
  return [...byVersion.values()].sort(
    (a, b) => a.label.localeCompare(b.label) || a.version - b.version,
  );
}
