import type { Alert } from '@glassbox/core/detect';
import { describe, expect, it } from 'vitest';
import type { MonitorView } from '@glassbox/core/api';
import { monitorDefinitionOf, monitorState, sortMonitors } from './monitor-state.js';

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
  progress: { seen: 0, alarmed: false, lateDropped: 0 },
  ...over,
});

describe('monitorState', () => {
  it('names each state', () => {
    expect(monitorState(monitor({ enabled: false }), []).state).toBe('disabled');
    expect(monitorState(monitor(), []).state).toBe('waiting');
    const watching = monitorState(
      monitor({ progress: { seen: 1200, alarmed: false, lateDropped: 0 } }),
      [],
    );
    expect(watching).toEqual({
      state: 'watching',
      label: 'in control',
      detail: '1,200 requests evaluated',
    });
    const open = [{ monitorId: 'errors', status: 'open' } as Alert];
    expect(
      monitorState(monitor({ progress: { seen: 9, alarmed: false, lateDropped: 0 } }), open),
    ).toMatchObject({
      state: 'alarm',
      detail: '1 unresolved alert · 9 requests evaluated',
    });
    expect(monitorState(monitor(), [{ monitorId: 'other', status: 'open' } as Alert]).state).toBe(
      'waiting',
    );
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
        progress: { seen: 5, alarmed: false, lateDropped: 0 },
      }),
      monitor({ id: 'hot', name: 'D hot' }),
    ];
    const open = [{ monitorId: 'hot', status: 'acknowledged' } as Alert];
    expect(sortMonitors(list, open).map((m) => m.id)).toEqual(['hot', 'calm', 'idle', 'off']);
  });
});
