import type { AlertStore } from './alert-store.js';
import type { MonitorStore } from './monitor-store.js';

/** The detection ports one transaction writes through. */
export interface DetectionTransaction {
  monitors: MonitorStore;
  alerts: AlertStore;
}

/**
 * Detection's unit of work: what one evaluation writes (alerts, incidents, monitor progress)
 * commits together or not at all.
 *
 * @example
 * await detection.transaction(async ({ alerts, monitors }) => {
 *   await alerts.putAlerts(opened);
 *   await monitors.saveMonitorProgress(projectId, monitorId, progress);
 * });
 */
export interface DetectionTransactions {
  /** Runs `work` in one transaction; its writes commit when it resolves, none when it throws. */
  transaction<T>(work: (tx: DetectionTransaction) => Promise<T>): Promise<T>;
}
