import type { Alert, Incident, MonitorProgress } from '@glassbox/core/detect';
import type { AlertStore, DetectionTransactions } from '@glassbox/store';

/**
 * What one project's detection tick writes — alerts, incidents, monitor progress — held until
 * the tick is done, then committed in one transaction: a tick that fails half way leaves
 * nothing of itself behind, and the transaction lasts only as long as the writes (ingest
 * shares the database). Reads of an alert or incident the tick wrote see the tick's copy.
 *
 * @example
 * const writes = new TickWrites(projectId, store);
 * writes.putAlerts(changes.saved);
 * await writes.commit(store);
 */
export class TickWrites {
  private readonly alerts = new Map<string, Alert>();
  private readonly incidents = new Map<string, Incident>();
  private readonly progress = new Map<string, MonitorProgress>();

  constructor(
    private readonly projectId: string,
    private readonly store: Pick<AlertStore, 'getAlert' | 'getIncident'>,
  ) {}

  putAlerts(alerts: readonly Alert[]): void {
    for (const alert of alerts) this.alerts.set(alert.id, structuredClone(alert));
  }

  putIncident(incident: Incident): void {
    this.incidents.set(incident.id, structuredClone(incident));
  }

  saveMonitorProgress(monitorId: string, progress: MonitorProgress): void {
    this.progress.set(monitorId, structuredClone(progress));
  }

  async getAlert(id: string): Promise<Alert | undefined> {
    const held = this.alerts.get(id);
    return held ? structuredClone(held) : this.store.getAlert(this.projectId, id);
  }

  async getIncident(id: string): Promise<Incident | undefined> {
    const held = this.incidents.get(id);
    return held ? structuredClone(held) : this.store.getIncident(this.projectId, id);
  }

  /** Writes everything held, in one transaction. */
  async commit(store: DetectionTransactions): Promise<void> {
    await store.transaction(async ({ alerts, monitors }) => {
      await alerts.putAlerts([...this.alerts.values()]);
      for (const incident of this.incidents.values()) await alerts.putIncident(incident);
      for (const [monitorId, progress] of this.progress) {
        await monitors.saveMonitorProgress(this.projectId, monitorId, progress);
      }
    });
  }
}
