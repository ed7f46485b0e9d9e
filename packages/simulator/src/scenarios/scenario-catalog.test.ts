import { FAILURE_CATEGORIES, LAYERS } from '@glassbox/core/classify';
import { describe, expect, it } from 'vitest';
import { findScenario, SCENARIOS } from './incident-scenarios.js';

describe('the scenario catalog', () => {
  it('covers the eleven incidents of the issue with unique names', () => {
    expect(SCENARIOS).toHaveLength(11);
    expect(new Set(SCENARIOS.map((s) => s.name)).size).toBe(SCENARIOS.length);
  });

  it('describes each with a known layer, known finding categories and a detection signal', () => {
    for (const s of SCENARIOS) {
      expect(LAYERS, s.name).toContain(s.failingLayer);
      expect(s.expectedCategories.length, s.name).toBeGreaterThan(0);
      for (const c of s.expectedCategories)
        expect(Object.keys(FAILURE_CATEGORIES), s.name).toContain(c);
      for (const text of [
        s.title,
        s.description,
        s.rootCause,
        s.affectedSegment,
        s.detectionSignal,
      ]) {
        expect(text.length, s.name).toBeGreaterThan(5);
      }
      expect(s.healthy.minutes).toBeGreaterThan(0);
      expect(s.incident.minutes).toBeGreaterThan(0);
    }
  });

  it('finds scenarios by name and names the known ones for a typo', () => {
    expect(findScenario('stale-index').failingLayer).toBe('retrieval');
    expect(() => findScenario('stale-indx')).toThrow(
      /unknown scenario "stale-indx" \(known: prompt-drift, /,
    );
  });
});
