import { describe, expect, it } from 'vitest';
import { defaultMonitors } from './default-monitors.js';
import { advanceMonitor, emptyProgress, rewindForLateData } from './monitor-progress.js';
import type { Observation } from './observation.js';
import { HEALTHY_PROFILE, syntheticStream } from '../../test/detect/synthetic-stream.js';

const errorRate = {
  ...defaultMonitors().find((m) => m.id === 'error-rate')!,
  params: { p0: 0.02 },
};
const burst = syntheticStream({
  n: 4000,
  seed: 8,
  gapMs: 1000,
  profileAt: (i) =>
    i >= 3000 && i < 3060 ? { ...HEALTHY_PROFILE, errorRate: 1 } : HEALTHY_PROFILE,
});

describe('event-time evaluation', () => {
  it('judges delayed telemetry at its event time, within the grace window', () => {
    // The burst's traces arrive a few minutes late, after the healthy traces around them.
    const late = burst.slice(3000, 3060);
    const onTime = [...burst.slice(0, 3000), ...burst.slice(3060, 3200)];
    const first = advanceMonitor(errorRate, emptyProgress(), onTime);
    const events = first.events;
    let progress = first.progress;
    expect(events).toEqual([]);
    progress = rewindForLateData(
      progress,
      late.map((o) => ({ ms: o.eventMs, traceId: o.traceId })),
    );
    expect(progress.watermark?.ms).toBeLessThan((late[0] as Observation).eventMs);
    const all = [...burst.slice(0, 3200)].filter((o) => o.eventMs > (progress.watermark?.ms ?? 0));
    const replay = advanceMonitor(errorRate, progress, all);
    const alarm = replay.events.find((e) => e.event.type === 'alarm');
    expect(alarm?.observation.eventMs).toBeGreaterThanOrEqual((late[0] as Observation).eventMs);
    expect(alarm?.observation.eventMs).toBeLessThan((late.at(-1) as Observation).eventMs);
    expect(replay.progress.lateDropped).toBe(0);
  });

  it('counts data later than the grace window instead of judging it', () => {
    const { progress } = advanceMonitor(errorRate, emptyProgress(), burst.slice(0, 3000));
    const old = burst.slice(100, 110).map((o) => ({ ms: o.eventMs, traceId: o.traceId }));
    const rewound = rewindForLateData(progress, old, 60_000);
    expect(rewound.lateDropped).toBe(10);
    expect(rewound.watermark).toEqual(progress.watermark);
  });

  it('skips observations at or before the watermark and keeps bounded checkpoints', () => {
    const first = advanceMonitor(errorRate, emptyProgress(), burst.slice(0, 2000));
    const again = advanceMonitor(errorRate, first.progress, burst.slice(0, 2000));
    expect(again.progress.state?.seen).toBe(2000);
    expect(first.progress.checkpoints.length).toBeLessThanOrEqual(12);
  });
});
