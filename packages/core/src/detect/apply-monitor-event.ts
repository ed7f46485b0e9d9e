import type { Alert } from './alert.js';
import { CHANGE_MONITOR_METRICS } from './default-monitors.js';
import type { MonitorDefinition } from './monitor.js';
import type { MonitorEvent } from './monitor-evaluator.js';
import { describeSegmentFilter } from './segment-discovery.js';

/** What applying one monitor event changed: alerts to save, and which of them are new. */
export interface AlertChanges {
  saved: Alert[];
  opened: Alert[];
  merged: Alert[];
  resolved: Alert[];
}

/**
 * Turns a monitor event into alert changes. An alarm whose dedupe key (monitor, the segment
 * when a per-segment chart alarmed, plus the changed category for change alerts) matches an
 * unresolved alert merges into it: count, latest evidence and last-seen time update, the
 * onset stays. Otherwise a new alert opens, titled with its segment. A `resolved` event
 * resolves every unresolved alert of the monitor in the event's segment.
 *
 * @example
 * const changes = applyMonitorEvent(monitor, event, unresolvedAlerts, { projectId, newId });
 */
export function applyMonitorEvent(
  monitor: MonitorDefinition,
  event: MonitorEvent,
  unresolved: readonly Alert[],
  context: { projectId: string; newId: () => string },
): AlertChanges {
  const segment = event.segment ?? monitor.segment;
  const where = segment ? describeSegmentFilter(segment) : '';
  const own = monitor.segment ? describeSegmentFilter(monitor.segment) : '';
  const mine = unresolved.filter(
    (a) =>
      a.monitorId === monitor.id &&
      a.status !== 'resolved' &&
      (a.segment ? describeSegmentFilter(a.segment) : '') === where,
  );
  const changes: AlertChanges = { saved: [], opened: [], merged: [], resolved: [] };
  const narrower = where !== own ? `[${where}]` : '';
  if (event.type === 'resolved') {
    for (const a of mine) {
      const done: Alert = { ...a, status: 'resolved', resolvedAtMs: event.atMs };
      changes.saved.push(done);
      changes.resolved.push(done);
    }
    return changes;
  }
  const { alarm } = event;
  const dedupeKey = `${monitor.id}${narrower}${alarm.subject === undefined ? '' : `:${alarm.subject}`}`;
  const name = narrower ? `${monitor.name} (${where})` : monitor.name;
  const evidence = {
    detector: monitor.detector,
    params: monitor.params,
    statistic: alarm.statistic,
    threshold: alarm.threshold,
    baseline: alarm.baseline,
    current: alarm.current,
    chart: event.chart,
    exampleTraceIds: event.exampleTraceIds,
  };
  const existing = mine.find((a) => a.dedupeKey === dedupeKey);
  if (existing) {
    const merged: Alert = {
      ...existing,
      count: existing.count + 1,
      lastSeenMs: Math.max(existing.lastSeenMs, event.atMs),
      message: alarm.message,
      evidence,
    };
    changes.saved.push(merged);
    changes.merged.push(merged);
    return changes;
  }
  const alert: Alert = {
    id: context.newId(),
    projectId: context.projectId,
    monitorId: monitor.id,
    dedupeKey,
    title: alarm.subject === undefined ? name : `${name}: ${alarm.subject}`,
    message: alarm.message,
    metric: monitor.metric,
    severity: monitor.severity,
    status: 'open',
    onsetMs: alarm.onsetMs,
    openedAtMs: event.atMs,
    lastSeenMs: event.atMs,
    count: 1,
    evidence,
    change: CHANGE_MONITOR_METRICS.has(monitor.metric),
  };
  if (segment) alert.segment = { ...segment };
  changes.saved.push(alert);
  changes.opened.push(alert);
  return changes;
}
