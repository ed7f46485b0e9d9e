import type { Alert, Incident } from '@glassbox/core/detect';
import type { AlertQuery, AlertStore, IncidentQuery } from '../ports/alert-store.js';
import { copy, rowKey } from './memory-rows.js';

/**
 * Alerts and incidents in memory; a supported test double.
 *
 * @example
 * await new MemoryAlertStore().listAlerts({ projectId: 'default', limit: 50 });
 */
export class MemoryAlertStore implements AlertStore {
  /** By rowKey(project, alert id). */
  readonly alerts = new Map<string, Alert>();
  /** By rowKey(project, incident id). */
  readonly incidents = new Map<string, Incident>();

  async putAlerts(alerts: readonly Alert[]): Promise<void> {
    for (const a of alerts) this.alerts.set(rowKey(a.projectId, a.id), copy(a));
  }

  async getAlert(projectId: string, id: string): Promise<Alert | undefined> {
    const a = this.alerts.get(rowKey(projectId, id));
    return a && copy(a);
  }

  async listAlerts(q: AlertQuery): Promise<Alert[]> {
    return [...this.alerts.values()]
      .filter((a) => a.projectId === q.projectId)
      .filter(
        (a) => (!q.status || a.status === q.status) && (!q.unresolved || a.status !== 'resolved'),
      )
      .filter((a) => !q.monitorId || a.monitorId === q.monitorId)
      .sort((a, b) => b.openedAtMs - a.openedAtMs || (a.id < b.id ? 1 : -1))
      .slice(0, q.limit)
      .map(copy);
  }

  async putIncident(i: Incident): Promise<void> {
    this.incidents.set(rowKey(i.projectId, i.id), copy(i));
  }

  async getIncident(projectId: string, id: string): Promise<Incident | undefined> {
    const i = this.incidents.get(rowKey(projectId, id));
    return i && copy(i);
  }

  async listIncidents(q: IncidentQuery): Promise<Incident[]> {
    return [...this.incidents.values()]
      .filter((i) => i.projectId === q.projectId && (!q.status || i.status === q.status))
      .sort((a, b) => b.openedAtMs - a.openedAtMs || (a.id < b.id ? 1 : -1))
      .slice(0, q.limit)
      .map(copy);
  }
}
