import { defaultMonitors } from '@glassbox/core/detect';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../support/backends.js';

describeEachBackend('MonitorStore', (opened) => {
  it('stores monitors, their progress separately, and resets progress on redefinition', async () => {
    const { detection } = opened.storage;
    const [m] = defaultMonitors();
    await detection.putMonitor({
      projectId: 'default',
      definition: m!,
      origin: 'default',
      updatedAtMs: 1,
    });
    await detection.saveMonitorProgress('default', m!.id, { checkpoints: [], lateDropped: 3 });
    expect((await detection.getMonitor('default', m!.id))?.progress).toEqual({
      checkpoints: [],
      lateDropped: 3,
    });
    await detection.putMonitor({
      projectId: 'default',
      definition: { ...m!, severity: 'critical' },
      origin: 'api',
      updatedAtMs: 2,
    });
    const again = await detection.getMonitor('default', m!.id);
    expect(again).toMatchObject({
      origin: 'api',
      progress: null,
      definition: { severity: 'critical' },
    });
    expect(await detection.listMonitors('other')).toEqual([]);
    expect(await detection.deleteMonitor('default', m!.id)).toBe(true);
    expect(await detection.deleteMonitor('default', m!.id)).toBe(false);
    await detection.saveMonitorProgress('default', m!.id, { checkpoints: [], lateDropped: 0 });
    expect(await detection.getMonitor('default', m!.id)).toBeUndefined();
  });
});
