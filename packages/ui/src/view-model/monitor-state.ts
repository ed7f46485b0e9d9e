import type { Alert } from '@glassbox/core/detect';
import type { MonitorView } from '@glassbox/core/api';

/** What a monitor is doing now, for its state badge. */
export type MonitorStateName = 'disabled' | 'alarm' | 'watching' | 'waiting';

export interface MonitorStateView {
  state: MonitorStateName;
  label: string;
  detail: string;
}

/**
 * A monitor's state: disabled; in alarm (its last evaluation was out of control, or it has
 * an unresolved alert); watching (it has evaluated requests); or waiting for its first
 * matching request.
 *
 * @example
 * monitorState(monitor, openAlerts).label; // 'in alarm'
 */
export function monitorState(m: MonitorView, unresolved: readonly Alert[]): MonitorStateView {
  const seen = `${m.progress.seen.toLocaleString('en-US')} requests evaluated`;
  if (!m.enabled) return { state: 'disabled', label: 'disabled', detail: 'not evaluated' };
  const open = unresolved.filter((a) => a.monitorId === m.id && a.status !== 'resolved').length;
  if (m.progress.alarmed || open > 0)
    return {
      state: 'alarm',
      label: 'in alarm',
      detail: open ? `${open} unresolved alert${open === 1 ? '' : 's'} · ${seen}` : seen,
    };
  if (m.progress.seen > 0) return { state: 'watching', label: 'in control', detail: seen };
  return { state: 'waiting', label: 'waiting', detail: 'no matching requests yet' };
}

/** The definition the API accepts back (PUT), without the read-only view fields. */
export function monitorDefinitionOf(
  m: MonitorView,
): Omit<MonitorView, 'origin' | 'updatedAtMs' | 'progress'> {
  const { origin: _origin, updatedAtMs: _updated, progress: _progress, ...definition } = m;
  return definition;
}

const STATE_ORDER: MonitorStateName[] = ['alarm', 'watching', 'waiting', 'disabled'];

/** Monitors in alarm first, then in control, waiting and disabled; by name within each. */
export function sortMonitors(
  monitors: readonly MonitorView[],
  unresolved: readonly Alert[],
): MonitorView[] {
  const rank = (m: MonitorView) => STATE_ORDER.indexOf(monitorState(m, unresolved).state);
  return [...monitors].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}
