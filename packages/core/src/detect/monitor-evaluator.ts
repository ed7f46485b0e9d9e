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
import { createSplitEvaluator } from './segment-charts.js';
import type { DiscoveryCounts } from './segment-discovery.js';
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
  /** Per-segment charts of a monitor with `segmentBy`. */
  split?: SplitState;
}

/** Segments of a split monitor: discovery counts until chosen, then one chart per value. */
export interface SplitState {
  discovery?: DiscoveryCounts;
  /** Charted values per key, once the keys are known. */
  keys?: Record<string, string[]>;
  /** Chart states by `key=value`. */
  charts: Record<string, MonitorState>;
}

export type MonitorEvent =
  | {
      type: 'alarm';
      atMs: number;
      alarm: DetectorAlarm;
      chart: ChartPoint[];
      exampleTraceIds: string[];
      /** The segment charted, when it is narrower than the monitor's own. */
      segment?: Record<string, string>;
    }
  | { type: 'resolved'; atMs: number; segment?: Record<string, string> };

export interface MonitorEvaluator {
  /** Consume one observation (any segment; others are skipped) in event-time order. */
  observe(o: Observation): MonitorEvent | undefined;
  /** Like observe, with the events of every segment chart (overall first). */
  observeAll(o: Observation): MonitorEvent[];
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
  return monitor.segmentBy
    ? createSplitEvaluator(monitor, saved, createChartEvaluator)
    : createChartEvaluator(monitor, saved);
}

function createChartEvaluator(monitor: MonitorDefinition, saved?: MonitorState): MonitorEvaluator {
  const s: MonitorState = saved
    ? { ...saved, chart: [...saved.chart], examples: [...saved.examples] }
    : { detector: undefined, seen: 0, quiet: 0, alarmed: false, chart: [], examples: [] };
  const detector = createDetector(monitor, s.detector);
  const metric = resolveMetric(monitor.metric);
  const resolveAfter = numberParam(monitor.params, 'resolveAfter', DEFAULT_RESOLVE_AFTER);
  const notable = (o: Observation): boolean => (metric.kind === 'rate' ? metric.read(o) : true);
  const where = monitor.segment ? { segment: { ...monitor.segment } } : {};
  const observe = (o: Observation): MonitorEvent | undefined => {
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
        ...where,
      };
    }
    s.quiet = step.active ? 0 : s.quiet + 1;
    if (s.alarmed && s.quiet >= resolveAfter) {
      s.alarmed = false;
      return { type: 'resolved', atMs: o.eventMs, ...where };
    }
    return undefined;
  };
  return {
    observe,
    observeAll: (o) => {
      const e = observe(o);
      return e ? [e] : [];
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
