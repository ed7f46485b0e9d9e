import type { AlertStore } from './ports/alert-store.js';
import type { ChangedTraceQueue } from './ports/changed-trace-queue.js';
import type { DetectionTransactions } from './ports/detection-transactions.js';
import type { LeaseStore } from './ports/lease-store.js';
import type { MonitorStore } from './ports/monitor-store.js';
import type { ObservationStore } from './ports/observation-store.js';

/** Every detection port of one backend, as the Storage aggregate offers them. */
export type DetectionStore = ChangedTraceQueue &
  ObservationStore &
  MonitorStore &
  AlertStore &
  LeaseStore &
  DetectionTransactions;

/**
 * One object offering the methods of each detection port adapter, for the Storage aggregate;
 * consumers take only the ports they use.
 *
 * @example
 * const detection = detectionStore({ changes, observations, monitors, alerts, leases, transactions });
 */
export function detectionStore(ports: {
  changes: ChangedTraceQueue;
  observations: ObservationStore;
  monitors: MonitorStore;
  alerts: AlertStore;
  leases: LeaseStore;
  transactions: DetectionTransactions;
}): DetectionStore {
  const { changes, observations, monitors, alerts, leases, transactions } = ports;
  return {
    claimChangedTraces: (options) => changes.claimChangedTraces(options),
    putObservations: (list) => observations.putObservations(list),
    listObservations: (query) => observations.listObservations(query),
    listMonitors: (projectId) => monitors.listMonitors(projectId),
    getMonitor: (projectId, id) => monitors.getMonitor(projectId, id),
    putMonitor: (monitor) => monitors.putMonitor(monitor),
    saveMonitorProgress: (projectId, id, progress) =>
      monitors.saveMonitorProgress(projectId, id, progress),
    deleteMonitor: (projectId, id) => monitors.deleteMonitor(projectId, id),
    putAlerts: (list) => alerts.putAlerts(list),
    getAlert: (projectId, id) => alerts.getAlert(projectId, id),
    listAlerts: (query) => alerts.listAlerts(query),
    putIncident: (incident) => alerts.putIncident(incident),
    getIncident: (projectId, id) => alerts.getIncident(projectId, id),
    listIncidents: (query) => alerts.listIncidents(query),
    acquireLease: (name, holder, ttlMs, nowMs) => leases.acquireLease(name, holder, ttlMs, nowMs),
    releaseLease: (name, holder) => leases.releaseLease(name, holder),
    transaction: (work) => transactions.transaction(work),
  };
}
