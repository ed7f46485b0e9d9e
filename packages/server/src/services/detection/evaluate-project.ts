import { randomUUID } from 'node:crypto';
import {
  advanceMonitor,
  applyMonitorEvent,
  emptyProgress,
  fileAlert,
  noteAlertResolved,
  rewindForLateData,
  type Alert,
  type EventPosition,
  type Incident,
  type MonitorEvent,
  type NotificationTarget,
} from '@glassbox/core/detect';
import type {
  AlertStore,
  DetectionTransactions,
  MonitorStore,
  ObservationStore,
  StoredMonitor,
} from '@glassbox/store';
import type { AlertNotifier } from '../notify/alert-notifier.js';
import { carryOutHold, type HoldContext } from './carry-out-hold.js';
import { TickWrites } from './tick-writes.js';

const PAGE = 5_000;

export interface ProjectEvaluation {
  projectId: string;
  observationsEvaluated: number;
  opened: Alert[];
  resolved: Alert[];
}

/** The detection ports one project's evaluation reads and writes through. */
export type EvaluationStore = MonitorStore & AlertStore & ObservationStore & DetectionTransactions;

/**
 * Runs every enabled monitor of a project over the observations past its position (after
 * rewinding for late arrivals), turning events into alerts and incidents. Its writes (alerts,
 * incidents, progress) commit together at the end (TickWrites), and only then are the
 * notifications sent, so a failed evaluation leaves nothing half written and tells no one.
 * Then the holds of open incidents (a monitor's `on_alarm`) are carried out in the artifact
 * registry, once each (carryOutHold), when `holds` gives the registry.
 *
 * @example
 * await evaluateProject(storage.detection, 'default', changedPositions, { graceMs, notifier, notify: [] });
 */
export async function evaluateProject(
  store: EvaluationStore,
  projectId: string,
  changed: readonly EventPosition[],
  options: {
    graceMs: number;
    notifier: AlertNotifier;
    notify: readonly NotificationTarget[];
    holds?: HoldContext;
  },
): Promise<ProjectEvaluation> {
  const monitors = (await store.listMonitors(projectId)).filter((m) => m.definition.enabled);
  const unresolved = await store.listAlerts({ projectId, unresolved: true, limit: 10_000 });
  const openIncidents = await store.listIncidents({ projectId, status: 'open', limit: 1_000 });
  const recentChanges = (await store.listAlerts({ projectId, limit: 500 })).filter((a) => a.change);
  const result: ProjectEvaluation = {
    projectId,
    observationsEvaluated: 0,
    opened: [],
    resolved: [],
  };
  const newId = (): string => randomUUID();
  const writes = new TickWrites(projectId, store);
  // Sent once the writes are committed, as the alert and incident were when they were due.
  const notices: Parameters<AlertNotifier['notify']>[] = [];
  const notice = (...args: Parameters<AlertNotifier['notify']>): void => {
    notices.push(structuredClone(args));
  };

  const remember = (alerts: readonly Alert[]): void => {
    for (const a of alerts) {
      const at = unresolved.findIndex((u) => u.id === a.id);
      if (at >= 0) unresolved.splice(at, 1);
      if (a.status !== 'resolved') unresolved.push(a);
    }
  };
  const keepIncident = (i: Incident): void => {
    const at = openIncidents.findIndex((o) => o.id === i.id);
    if (at >= 0) openIncidents.splice(at, 1);
    if (i.status === 'open') openIncidents.push(i);
  };

  const handle = async (monitor: StoredMonitor, event: MonitorEvent): Promise<void> => {
    const changes = applyMonitorEvent(monitor.definition, event, unresolved, { projectId, newId });
    const targets = [...monitor.definition.notify, ...options.notify];
    for (const alert of changes.opened) {
      if (alert.change) recentChanges.push(alert);
      const filed = fileAlert(alert, openIncidents, recentChanges, {
        newId,
        hold: monitor.definition.onAlarm !== undefined,
      });
      if (filed) {
        alert.incidentId = filed.incident.id;
        writes.putIncident(filed.incident);
        keepIncident(filed.incident);
      }
      notice('opened', alert, targets, filed?.incident);
      result.opened.push(alert);
    }
    writes.putAlerts(changes.saved);
    remember(changes.saved);
    for (const alert of changes.merged) {
      // A still-firing alert keeps its incident current, so later alerts join it.
      const incident = openIncidents.find((i) => i.id === alert.incidentId);
      if (incident && alert.lastSeenMs > incident.updatedAtMs) {
        const updated = { ...incident, updatedAtMs: alert.lastSeenMs };
        writes.putIncident(updated);
        keepIncident(updated);
      }
    }
    for (const alert of changes.resolved) {
      result.resolved.push(alert);
      notice('resolved', alert, targets);
      if (!alert.incidentId) continue;
      const incident =
        openIncidents.find((i) => i.id === alert.incidentId) ??
        (await writes.getIncident(alert.incidentId));
      if (!incident) continue;
      const members = await Promise.all(incident.alertIds.map((id) => writes.getAlert(id)));
      const updated = noteAlertResolved(
        incident,
        alert,
        members.filter((a): a is Alert => a !== undefined),
      );
      writes.putIncident(updated);
      keepIncident(updated);
    }
  };

  for (const monitor of monitors) {
    let progress = rewindForLateData(monitor.progress ?? emptyProgress(), changed, options.graceMs);
    for (;;) {
      const page = await store.listObservations({
        projectId,
        limit: PAGE,
        ...(progress.watermark ? { after: progress.watermark } : {}),
      });
      if (page.length === 0) break;
      const step = advanceMonitor(monitor.definition, progress, page, { graceMs: options.graceMs });
      progress = step.progress;
      result.observationsEvaluated += page.length;
      for (const { event } of step.events) await handle(monitor, event);
      if (page.length < PAGE) break;
    }
    writes.saveMonitorProgress(monitor.definition.id, progress);
  }
  await writes.commit(store);
  for (const args of notices) options.notifier.notify(...args);
  if (options.holds) {
    const byId = new Map(monitors.map((m) => [m.definition.id, m.definition]));
    const alertOf = (id: string) => store.getAlert(projectId, id);
    for (const incident of openIncidents.filter((i) => i.hold && !i.hold.outcome)) {
      const monitor = byId.get(incident.hold?.monitorId ?? '');
      const updated = await carryOutHold(incident, monitor, alertOf, options.holds);
      if (updated) await store.putIncident(updated);
    }
  }
  return result;
}
