import { checkMonitor, defaultMonitors, matchesSegment } from '@glassbox/core/detect';
import type { Observation } from '@glassbox/core/detect';
import { SCENARIOS } from '@glassbox/simulator';
import { describe, expect, it } from 'vitest';
import { scenarioMonitors } from './scenario-monitors.js';

const observation = (tags: string[]): Observation =>
  ({ tags, tools: [], segments: {} }) as unknown as Observation;

describe('scenarioMonitors', () => {
  it('gives every scenario valid, distinct monitors of every default kind', () => {
    const ids = new Set<string>();
    for (const { name } of SCENARIOS) {
      const monitors = scenarioMonitors(name);
      expect(monitors.map((m) => m.metric)).toEqual(defaultMonitors().map((m) => m.metric));
      for (const m of monitors) {
        expect(checkMonitor(m)).toEqual(m);
        expect(ids.has(m.id)).toBe(false);
        ids.add(m.id);
      }
    }
  });

  it("watches only its own scenario's traffic", () => {
    const [monitor] = scenarioMonitors('prompt-drift');
    expect(matchesSegment(observation(['scenario:prompt-drift']), monitor!.segment)).toBe(true);
    expect(matchesSegment(observation(['scenario:stale-index']), monitor!.segment)).toBe(false);
    expect(matchesSegment(observation([]), monitor!.segment)).toBe(false);
  });
});
