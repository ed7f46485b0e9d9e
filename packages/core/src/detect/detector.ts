import type { Observation } from './observation.js';

/** The detectors a monitor can run. */
export const DETECTOR_KINDS = [
  'bernoulli_cusum',
  'ewma',
  'tabular_cusum',
  'new_value',
  'share_shift',
  'dominance',
  'embedding_drift',
] as const;
export type DetectorKind = (typeof DETECTOR_KINDS)[number];

/** Numeric or text detector parameters, as written in a monitor definition. */
export type DetectorParams = Readonly<Record<string, number | string>>;

/** Why a detector fired: the numbers an alert shows as evidence. */
export interface DetectorAlarm {
  statistic: number;
  threshold: number;
  baseline: Record<string, number | string>;
  current: Record<string, number | string>;
  message: string;
  /** Event time the change most likely began (CUSUM change-point estimate, window start). */
  onsetMs: number;
  /** A category that caused a change alert (new model, dominating source), for dedupe. */
  subject?: string;
}

/** A point of the monitor's chart: the statistic against its threshold at an event time. */
export interface ChartPoint {
  atMs: number;
  statistic: number;
  threshold: number;
}

export interface DetectorStep {
  point?: ChartPoint;
  alarm?: DetectorAlarm;
  /** The out-of-control condition still holds (no new alarm, but do not resolve yet). */
  active?: boolean;
}

/**
 * Whether a detector has learnt its baseline and judges requests ("armed"), and how far it
 * is: `seen` of the `needed` baseline requests (requests that carry the metric).
 */
export interface Readiness {
  armed: boolean;
  seen: number;
  needed: number;
}

/** A streaming detector over one monitor's observations; its state is plain JSON. */
export interface Detector {
  /** Consume one observation in event-time order. */
  observe(o: Observation): DetectorStep;
  /** Serializable state; pass back to the factory to resume. */
  state(): unknown;
  /** How far the baseline is learnt; a detector judges nothing until armed. */
  readiness(): Readiness;
}

/** Readiness of a detector whose baseline is its first `needed` requests. */
export function baselineReadiness(seen: number, needed: number): Readiness {
  return { armed: seen >= needed, seen: Math.min(seen, needed), needed };
}

export function numberParam(params: DetectorParams, key: string, fallback: number): number {
  const v = params[key];
  return typeof v === 'number' ? v : fallback;
}
