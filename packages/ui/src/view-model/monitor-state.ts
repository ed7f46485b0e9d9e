import type { Alert, MonitorArming } from '@glassbox/core/detect';
import type { MonitorView } from '@glassbox/core/api';
import { formatDuration } from './format.js';

/** What a monitor is doing now, for its state badge. */
export type MonitorStateName = 'disabled' | 'alarm' | 'watching' | 'learning' | 'waiting';

export interface MonitorStateView {
  state: MonitorStateName;
  label: string;
  detail: string;
}

/**
 * A monitor's state: disabled; in alarm (its last evaluation was out of control, or it has
 * an unresolved alert); learning its baseline (it has seen requests but is not armed, so it
 * judges nothing: never "in control" before it has watched); watching (armed and in
 * control); or waiting for its first matching request.
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
  const arming = m.progress.arming;
  if (!arming.armed) {
    if (m.progress.seen === 0)
      return {
        state: 'waiting',
        label: 'waiting',
        detail: `no matching requests yet; ${armsAfter(arming)}`,
      };
    return { state: 'learning', label: learningLabel(arming), detail: whenArmed(arming) };
  }
  if (m.progress.seen > 0) return { state: 'watching', label: 'in control', detail: seen };
  return { state: 'waiting', label: 'waiting', detail: 'no matching requests yet' };
}

/** "learning baseline (80 of 1,000)". */
export function learningLabel(a: MonitorArming): string {
  return `learning baseline (${a.seen.toLocaleString('en-US')} of ${a.needed.toLocaleString('en-US')})`;
}

function armsAfter(a: MonitorArming): string {
  return `arms after ${a.needed.toLocaleString('en-US')} matching requests`;
}

/**
 * When a learning monitor arms at the rate its requests arrived so far (event time), e.g.
 * "judges nothing until armed; at 40 requests/h, armed in about 23h 0m".
 */
export function whenArmed(a: MonitorArming): string {
  if (a.etaMs === undefined || a.perHour === undefined)
    return `judges nothing until armed; ${armsAfter(a)} (no traffic rate yet)`;
  const rate =
    a.perHour >= 10 ? Math.round(a.perHour).toLocaleString('en-US') : a.perHour.toFixed(1);
  return `judges nothing until armed; at ${rate} requests/h, armed in about ${formatDuration(a.etaMs)}`;
}

/** The definition the API accepts back (PUT), without the read-only view fields. */
export function monitorDefinitionOf(
  m: MonitorView,
): Omit<MonitorView, 'origin' | 'updatedAtMs' | 'progress'> {
  const { origin: _origin, updatedAtMs: _updated, progress: _progress, ...definition } = m;
  return definition;
}

const STATE_ORDER: MonitorStateName[] = ['alarm', 'watching', 'learning', 'waiting', 'disabled'];

/** Monitors in alarm first, then in control, learning, waiting and disabled; by name within each. */
export function sortMonitors(
  monitors: readonly MonitorView[],
  unresolved: readonly Alert[],
): MonitorView[] {
  const rank = (m: MonitorView) => STATE_ORDER.indexOf(monitorState(m, unresolved).state);
  return [...monitors].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}
