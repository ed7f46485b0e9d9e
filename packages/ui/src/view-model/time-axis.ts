/** A linear time axis from a trace's start to its end, as fractions of the track width. */
export interface TimeAxis {
  startMs: number;
  endMs: number;
  /** Where an instant falls, 0..1 (clamped). */
  position(ms: number): number;
  /** How much of the width a duration takes, 0..1, at least `minFraction` so it stays visible. */
  extent(durationMs: number, minFraction?: number): number;
  ticks: { offsetMs: number; fraction: number }[];
}

/**
 * Builds the shared axis of a waterfall with "nice" tick steps (1, 2, 5 x 10^n ms).
 *
 * @example
 * const axis = createTimeAxis(1000, 1800, 5);
 * axis.position(1400); // 0.5
 * axis.ticks.map((t) => t.offsetMs); // [0, 200, 400, 600, 800]
 */
export function createTimeAxis(startMs: number, endMs: number, targetTicks = 5): TimeAxis {
  const span = Math.max(endMs - startMs, 1e-3);
  const step = niceStep(span / Math.max(targetTicks - 1, 1));
  const ticks: TimeAxis['ticks'] = [];
  for (let offset = 0; offset <= span + step * 1e-9; offset += step) {
    ticks.push({ offsetMs: offset, fraction: offset / span });
  }
  return {
    startMs,
    endMs: startMs + span,
    position: (ms) => Math.min(1, Math.max(0, (ms - startMs) / span)),
    extent: (durationMs, minFraction = 0.002) =>
      Math.max(minFraction, Math.min(1, durationMs / span)),
    ticks,
  };
}

/** The smallest of 1, 2, 5 x 10^n at or above `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  const nice = scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10;
  return nice * power;
}
