import { describe, expect, it } from 'vitest';
import type { Incident } from '../detect/incident.js';
import { checkCanaryInput, observeCanary, startCanary } from './canary-gate.js';
import { fileCanaryKill, notePromotion, type CanaryEnding } from './canary-incident.js';

const context = { target: 1, salt: 'c1' };

/** A canary killed on errors: every canary request failed, no control request did. */
function killed(atMs: number): CanaryEnding {
  let state = startCanary(
    checkCanaryInput({ version: 2, percent: 50, minSamples: 50, salt: 's' }, context),
  );
  for (let i = 0; i < 40 && state.status === 'running'; i++) {
    state = observeCanary(state, [
      { arm: 'canary', metric: 'error', failed: true },
      { arm: 'control', metric: 'error', failed: false },
    ]).state;
  }
  return { projectId: 'p', kind: 'model', name: 'router', state, controlVersion: 1, atMs };
}

const openIncident = (updatedAtMs: number): Incident => ({
  id: 'inc-1',
  projectId: 'p',
  title: 'Error rate up',
  severity: 'warning',
  status: 'open',
  openedAtMs: updatedAtMs - 60_000,
  updatedAtMs,
  alertIds: ['a1'],
  timeline: [{ atMs: updatedAtMs - 60_000, type: 'first_anomaly', message: 'first anomaly' }],
});

describe('fileCanaryKill', () => {
  it('opens an incident with both arms, the p-value and the boundary when none is near', () => {
    const ending = killed(10_000_000);
    expect(ending.state.status).toBe('killed');
    const { incident, created } = fileCanaryKill(ending, [openIncident(1_000)], {
      newId: () => 'new',
    });
    expect(created).toBe(true);
    expect(incident).toMatchObject({ id: 'new', status: 'open', alertIds: [], severity: 'error' });
    expect(incident.title).toBe('Canary killed: model router v2 (error)');
    expect(incident.timeline).toEqual([
      expect.objectContaining({ type: 'canary_killed', atMs: 10_000_000 }),
    ]);
    const [evidence] = incident.canaries!;
    expect(evidence).toMatchObject({ version: 2, controlVersion: 1, metric: 'error' });
    const [error] = evidence!.metrics;
    expect(error!.canary.failures).toBe(error!.canary.trials);
    expect(error!.control.failures).toBe(0);
    expect(error!.pValue).toBeLessThanOrEqual(evidence!.alpha);
    expect(error!.boundaryDifference).toBeGreaterThan(0);
  });

  it('joins an open incident of the project active within the window, keeping its alerts', () => {
    const { incident, created } = fileCanaryKill(killed(2_000_000), [openIncident(1_900_000)], {
      newId: () => 'new',
    });
    expect(created).toBe(false);
    expect(incident.id).toBe('inc-1');
    expect(incident.alertIds).toEqual(['a1']);
    expect(incident.timeline.map((t) => t.type)).toEqual(['first_anomaly', 'canary_killed']);
    expect(incident.updatedAtMs).toBe(2_000_000);
  });

  it('notes a later promotion of the same artifact on that incident only', () => {
    const { incident } = fileCanaryKill(killed(2_000_000), [], { newId: () => 'k' });
    const promoted: CanaryEnding = {
      ...killed(3_000_000),
      state: { ...killed(0).state, status: 'promoted', reason: 'passed every gate' },
    };
    const noted = notePromotion(promoted, [incident, openIncident(2_000_000)]);
    expect(noted.map((i) => i.id)).toEqual(['k']);
    expect(noted[0]!.timeline.at(-1)).toMatchObject({
      type: 'canary_promoted',
      message: 'canary of model router v2 promoted to production: passed every gate',
    });
    expect(notePromotion({ ...promoted, name: 'other' }, [incident])).toEqual([]);
  });
});
