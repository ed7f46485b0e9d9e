import { expect, it } from 'vitest';
import { alert, incident } from '../support/detection-fixtures.js';
import { describeEachBackend } from '../support/backends.js';

describeEachBackend('AlertStore', (opened) => {
  it('lists alerts and incidents newest first with filters', async () => {
    const { detection } = opened.storage;
    await detection.putAlerts([
      alert('a1', 100),
      alert('a2', 200, 'resolved'),
      alert('a3', 300, 'acknowledged'),
    ]);
    expect(
      (await detection.listAlerts({ projectId: 'default', limit: 10 })).map((a) => a.id),
    ).toEqual(['a3', 'a2', 'a1']);
    expect(
      (await detection.listAlerts({ projectId: 'default', unresolved: true, limit: 10 })).map(
        (a) => a.id,
      ),
    ).toEqual(['a3', 'a1']);
    expect(
      (await detection.listAlerts({ projectId: 'default', status: 'resolved', limit: 10 })).map(
        (a) => a.id,
      ),
    ).toEqual(['a2']);
    await detection.putAlerts([{ ...alert('a1', 100), status: 'resolved' }]);
    expect((await detection.getAlert('default', 'a1'))?.status).toBe('resolved');
    await detection.putIncident(incident);
    await detection.putIncident({ ...incident, id: 'i2', openedAtMs: 500, status: 'resolved' });
    expect(
      (await detection.listIncidents({ projectId: 'default', limit: 10 })).map((i) => i.id),
    ).toEqual(['i2', 'i1']);
    expect(
      (await detection.listIncidents({ projectId: 'default', status: 'open', limit: 10 })).map(
        (i) => i.id,
      ),
    ).toEqual(['i1']);
    expect(await detection.getIncident('other', 'i1')).toBeUndefined();
  });
});
