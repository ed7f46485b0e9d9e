import { DETECTORS } from './detector-catalog.js';
import { DEFAULT_RESOLVE_AFTER } from './detector-params.js';
import {
  numberParam,
  type ChartPoint,
  type Detector,
  type DetectorAlarm,
  type Readiness,
} from './detector.js';
import { resolveMetric } from './metric-catalog.js';
import type { MonitorDefinition } from './monitor.js';
import type { Observation } from './observation.js';
import { matchesSegment } from './segment-filter.js';

const CHART_POINTS = 300;
const CHART_EVERY = 10;
const EXAMPLES = 5;

/** The persisted state of one monitor's evaluation. */
export interface MonitorState {
  detector: unknown;
  seen: number;
  quiet: number;
  alarmed: boolean;
  chart: ChartPoint[];
  examples: string[];
  /** Event times of the first and the latest matching request: the monitor's traffic rate. */
  firstMs?: number;
  lastMs?: number;
}

export type MonitorEvent =
  | {
      type: 'alarm';
      atMs: number;
      alarm: DetectorAlarm;
      chart: ChartPoint[];
      exampleTraceIds: string[];
    }
  | { type: 'resolved'; atMs: number };

export interface MonitorEvaluator {
  /** Consume one observation (any segment; others are skipped) in event-time order. */
  observe(o: Observation): MonitorEvent | undefined;
  state(): MonitorState;
  /** Whether the detector has learnt its baseline (see `Readiness`). */
  readiness(): Readiness;
}

function createDetector(m: MonitorDefinition, saved: unknown): Detector {
  return DETECTORS[m.detector].create(resolveMetric(m.metric), m.params, saved);
}

/**
 * Runs one monitor over a stream of observations: segment filter, its detector, chart data
 * (every 10th point and every alarm, last 300), example traces, and resolution once the
 * detector has stayed in control for `params.resolveAfter` (default 500) matching requests.
 *
 * @example
 * const ev = createMonitorEvaluator(monitor);
 * for (const o of observations) { const e = ev.observe(o); if (e?.type === 'alarm') ... }
 * save(ev.state()); // resume later with createMonitorEvaluator(monitor, saved)
 */
export function createMonitorEvaluator(
  monitor: MonitorDefinition,
  saved?: MonitorState,
): MonitorEvaluator {
  const s: MonitorState = saved
    ? { ...saved, chart: [...saved.chart], examples: [...saved.examples] }
    : { detector: undefined, seen: 0, quiet: 0, alarmed: false, chart: [], examples: [] };
  const detector = createDetector(monitor, s.detector);
  const metric = resolveMetric(monitor.metric);
  const resolveAfter = numberParam(monitor.params, 'resolveAfter', DEFAULT_RESOLVE_AFTER);
  const notable = (o: Observation): boolean => (metric.kind === 'rate' ? metric.read(o) : true);
  return {
    observe(o) {
      if (!matchesSegment(o, monitor.segment)) return undefined;
      s.seen += 1;
      s.firstMs ??= o.eventMs;
      s.lastMs = o.eventMs;
      if (notable(o)) s.examples = [...s.examples, o.traceId].slice(-EXAMPLES);
      const step = detector.observe(o);
      if (step.point && (step.alarm || s.seen % CHART_EVERY === 0)) {
        s.chart.push(step.point);
        if (s.chart.length > CHART_POINTS) s.chart.shift();
      }
      if (step.alarm) {
        s.quiet = 0;
        s.alarmed = true;
        return {
          type: 'alarm',
          atMs: o.eventMs,
          alarm: step.alarm,
          chart: [...s.chart],
          exampleTraceIds: [...s.examples],
        };
      }
      s.quiet = step.active ? 0 : s.quiet + 1;
      if (s.alarmed && s.quiet >= resolveAfter) {
        s.alarmed = false;
        return { type: 'resolved', atMs: o.eventMs };
      }
      return undefined;
    },
    state: () => ({
      ...s,
      detector: detector.state(),
      chart: [...s.chart],
      examples: [...s.examples],
    }),
    readiness: () => detector.readiness(),
  };
}
