import { defaultMonitors } from '@glassbox/core/detect';
import { expect, it } from 'vitest';
import { alert, incident } from '../support/detection-fixtures.js';
import { describeEachBackend } from '../support/backends.js';

describeEachBackend('DetectionTransactions', (opened) => {
  const [monitor] = defaultMonitors();
  const progress = { checkpoints: [], lateDropped: 7 };
  const putMonitor = () =>
    opened.storage.detection.putMonitor({
      projectId: 'default',
      definition: monitor!,
      origin: 'default',
      updatedAtMs: 1,
    });

  it('commits every write of a transaction together', async () => {
    const { detection } = opened.storage;
    await putMonitor();
    const result = await detection.transaction(async ({ alerts, monitors }) => {
      await alerts.putAlerts([alert('a1', 100)]);
      await alerts.putIncident(incident);
      await monitors.saveMonitorProgress('default', monitor!.id, progress);
      return 'done';
    });
    expect(result).toBe('done');
    expect((await detection.getAlert('default', 'a1'))?.status).toBe('open');
    expect(await detection.getIncident('default', 'i1')).toEqual(incident);
    expect((await detection.getMonitor('default', monitor!.id))?.progress).toEqual(progress);
  });

  it('leaves none of the writes of a transaction that throws', async () => {
    const { detection } = opened.storage;
    await putMonitor();
    await detection.putAlerts([alert('a0', 50)]);
    const failed = detection.transaction(async ({ alerts, monitors }) => {
      await alerts.putAlerts([alert('a1', 100), alert('a0', 50, 'resolved')]);
      await alerts.putIncident(incident);
      await monitors.saveMonitorProgress('default', monitor!.id, progress);
      throw new Error('fails half way');
    });
    await expect(failed).rejects.toThrow('fails half way');
    expect(await detection.getAlert('default', 'a1')).toBeUndefined();
    expect((await detection.getAlert('default', 'a0'))?.status).toBe('open');
    expect(await detection.getIncident('default', 'i1')).toBeUndefined();
    expect((await detection.getMonitor('default', monitor!.id))?.progress).toBeNull();
  });
});
