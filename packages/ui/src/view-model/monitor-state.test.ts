import type { Alert, MonitorArming } from '@glassbox/core/detect';
import { describe, expect, it } from 'vitest';
import type { MonitorView } from '@glassbox/core/api';
import { monitorDefinitionOf, monitorState, sortMonitors } from './monitor-state.js';

const ARMED = { armed: true, seen: 1000, needed: 1000 };
const progress = (seen: number, arming: MonitorArming = ARMED) => ({
  seen,
  alarmed: false,
  lateDropped: 0,
  arming,
});

const monitor = (over: Partial<MonitorView> = {}): MonitorView => ({
  id: 'errors',
  name: 'Errors',
  metric: 'error_rate',
  detector: 'bernoulli_cusum',
  params: { p0: 0.05 },
  severity: 'error',
  notify: [],
  enabled: true,
  origin: 'api',
  updatedAtMs: 5,
  progress: { seen: 0, alarmed: false, lateDropped: 0, arming: ARMED },
  ...over,
});

describe('monitorState', () => {
  it('names each state', () => {
    expect(monitorState(monitor({ enabled: false }), []).state).toBe('disabled');
    expect(monitorState(monitor(), []).state).toBe('waiting');
    const watching = monitorState(monitor({ progress: progress(1200) }), []);
    expect(watching).toEqual({
      state: 'watching',
      label: 'in control',
      detail: '1,200 requests evaluated',
    });
    const open = [{ monitorId: 'errors', status: 'open' } as Alert];
    expect(monitorState(monitor({ progress: progress(9) }), open)).toMatchObject({
      state: 'alarm',
      detail: '1 unresolved alert · 9 requests evaluated',
    });
    expect(monitorState(monitor(), [{ monitorId: 'other', status: 'open' } as Alert]).state).toBe(
      'waiting',
    );
  });

  it('says "learning baseline (n of N)" until armed, never "in control", with when it arms', () => {
    // Regression: "Rate of duplicate side effect: in control" beside 29 duplicate bookings.
    const learning = monitorState(
      monitor({
        progress: progress(80, {
          armed: false,
          seen: 80,
          needed: 1000,
          perHour: 40,
          etaMs: 23 * 3_600_000,
        }),
      }),
      [],
    );
    expect(learning).toEqual({
      state: 'learning',
      label: 'learning baseline (80 of 1,000)',
      detail: 'judges nothing until armed; at 40 requests/h, armed in about 23h 0m',
    });
    const noRate = monitorState(
      monitor({ progress: progress(1, { armed: false, seen: 1, needed: 200 }) }),
      [],
    );
    expect(noRate.label).toBe('learning baseline (1 of 200)');
    expect(noRate.detail).toMatch(/arms after 200 matching requests \(no traffic rate yet\)/);
    const idle = monitorState(
      monitor({ progress: progress(0, { armed: false, seen: 0, needed: 200 }) }),
      [],
    );
    expect(idle).toMatchObject({ state: 'waiting', label: 'waiting' });
    expect(idle.detail).toContain('arms after 200 matching requests');
  });

  it('strips the read-only fields for a PUT', () => {
    expect(Object.keys(monitorDefinitionOf(monitor())).sort()).toEqual([
      'detector',
      'enabled',
      'id',
      'metric',
      'name',
      'notify',
      'params',
      'severity',
    ]);
  });
});

describe('sortMonitors', () => {
  it('puts monitors in alarm first and disabled ones last', () => {
    const list = [
      monitor({ id: 'off', name: 'A off', enabled: false }),
      monitor({ id: 'idle', name: 'B idle' }),
      monitor({
        id: 'calm',
        name: 'C calm',
        progress: progress(5),
      }),
      monitor({ id: 'hot', name: 'D hot' }),
      monitor({
        id: 'new',
        name: 'E new',
        progress: progress(5, { armed: false, seen: 5, needed: 200 }),
      }),
    ];
    const open = [{ monitorId: 'hot', status: 'acknowledged' } as Alert];
    expect(sortMonitors(list, open).map((m) => m.id)).toEqual([
      'hot',
      'calm',
      'new',
      'idle',
      'off',
    ]);
  });
});
