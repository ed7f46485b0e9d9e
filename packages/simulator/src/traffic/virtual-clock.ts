/**
 * Simulated time for traffic: each request starts at a simulated instant, and time inside a
 * request advances with the wall clock, so spans keep real durations while a six-hour
 * degradation runs in seconds.
 *
 * @example
 * const clock = new VirtualClock(Date.UTC(2024, 5, 10, 8));
 * clock.jumpTo(clock.startMs + 60_000); // one simulated minute later
 * init({ clock: () => clock.now() });
 */
export class VirtualClock {
  private anchorSim: number;
  private anchorWall = performance.now();

  constructor(readonly startMs: number) {
    if (!Number.isFinite(startMs)) throw new RangeError('start time must be epoch milliseconds');
    this.anchorSim = startMs;
  }

  /** The current simulated epoch milliseconds. */
  now(): number {
    return Math.round(this.anchorSim + (performance.now() - this.anchorWall));
  }

  /** The simulated instant of the last jump: reproducible, unlike `now()` which adds wall time. */
  instant(): number {
    return this.anchorSim;
  }

  /** Moves to a simulated instant (never backwards). */
  jumpTo(simMs: number): void {
    this.anchorSim = Math.max(simMs, this.now());
    this.anchorWall = performance.now();
  }

  /** Simulated minutes since the start. */
  elapsedMinutes(): number {
    return (this.now() - this.startMs) / 60_000;
  }
}
