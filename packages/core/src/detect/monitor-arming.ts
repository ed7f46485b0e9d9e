import type { Readiness } from './detector.js';
import { createMonitorEvaluator, type MonitorState } from './monitor-evaluator.js';
import type { MonitorDefinition } from './monitor.js';

const HOUR_MS = 3_600_000;

/** A monitor's readiness, and when it will be armed at the traffic rate seen so far. */
export interface MonitorArming extends Readiness {
  /** Matching requests per hour of event time so far; absent until two arrived apart. */
  perHour?: number;
  /** Event time still needed to arm at that rate; absent when armed or the rate is unknown. */
  etaMs?: number;
}

/**
 * Where a monitor stands in learning its baseline ("learning baseline (n of N)") and, at the
 * rate its matching requests have arrived so far (event time), how long until it arms. The
 * rate is of matching requests: a value metric that some requests lack arms later.
 *
 * @example
 * monitorArming(monitor, stored.state); // { armed: false, seen: 80, needed: 1000, perHour: 40, etaMs: 82800000 }
 */
export function monitorArming(monitor: MonitorDefinition, state?: MonitorState): MonitorArming {
  const readiness = createMonitorEvaluator(monitor, state).readiness();
  if (!state || state.firstMs === undefined || state.lastMs === undefined) return readiness;
  const spanMs = state.lastMs - state.firstMs;
  if (state.seen < 2 || spanMs <= 0) return readiness;
  const perMs = (state.seen - 1) / spanMs;
  const arming: MonitorArming = { ...readiness, perHour: perMs * HOUR_MS };
  if (!readiness.armed) arming.etaMs = Math.ceil((readiness.needed - readiness.seen) / perMs);
  return arming;
}
