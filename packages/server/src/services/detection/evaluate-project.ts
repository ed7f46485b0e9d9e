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
import type { DetectionStore, StoredMonitor } from '@glassbox/store';
import type { AlertNotifier } from '../notify/alert-notifier.js';

const PAGE = 5_000;

export interface ProjectEvaluation {
  projectId: string;
  observationsEvaluated: number;
  opened: Alert[];
  resolved: Alert[];
}

/**
 * Runs every enabled monitor of a project over the observations past its position (after
 * rewinding for late arrivals), turning events into alerts and incidents and notifying.
 *
 * @example
 * await evaluateProject(storage.detection, 'default', changedPositions, { graceMs, notifier, notify: [] });
 */
export async function evaluateProject(
  store: DetectionStore,
  projectId: string,
  changed: readonly EventPosition[],
  options: { graceMs: number; notifier: AlertNotifier; notify: readonly NotificationTarget[] },
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
      const filed = fileAlert(alert, openIncidents, recentChanges, { newId });
      if (filed) {
        alert.incidentId = filed.incident.id;
        await store.putIncident(filed.incident);
        keepIncident(filed.incident);
      }
      options.notifier.notify('opened', alert, targets, filed?.incident);
      result.opened.push(alert);
    }
    await store.putAlerts(changes.saved);
    remember(changes.saved);
    for (const alert of changes.merged) {
      // A still-firing alert keeps its incident current, so later alerts join it.
      const incident = openIncidents.find((i) => i.id === alert.incidentId);
      if (incident && alert.lastSeenMs > incident.updatedAtMs) {
        const updated = { ...incident, updatedAtMs: alert.lastSeenMs };
        await store.putIncident(updated);
        keepIncident(updated);
      }
    }
    for (const alert of changes.resolved) {
      result.resolved.push(alert);
      options.notifier.notify('resolved', alert, targets);
      if (!alert.incidentId) continue;
      const incident =
        openIncidents.find((i) => i.id === alert.incidentId) ??
        (await store.getIncident(projectId, alert.incidentId));
      if (!incident) continue;
      const members = await Promise.all(
        incident.alertIds.map((id) => store.getAlert(projectId, id)),
      );
      const updated = noteAlertResolved(
        incident,
        alert,
        members.filter((a): a is Alert => a !== undefined),
      );
      await store.putIncident(updated);
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
    await store.saveMonitorProgress(projectId, monitor.definition.id, progress);
  }
  return result;
}
