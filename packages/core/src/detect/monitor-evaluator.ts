import { createDominanceDetector } from './dominance-detector.js';
import type { ChartPoint, Detector, DetectorAlarm } from './detector.js';
import { createEmbeddingDriftDetector } from './embedding-drift-detector.js';
import { resolveMetric } from './metric-catalog.js';
import type { MonitorDefinition } from './monitor.js';
import { createNewValueDetector } from './new-value-detector.js';
import type { Observation } from './observation.js';
import { createRateCusumDetector } from './rate-cusum-detector.js';
import { matchesSegment } from './segment-filter.js';
import { createShareShiftDetector } from './share-shift-detector.js';
import { createValueChartDetector } from './value-chart-detector.js';

/** Observations without an alarm (or an active condition) before an alarm resolves. */
export const DEFAULT_RESOLVE_AFTER = 500;
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
}

function createDetector(m: MonitorDefinition, saved: unknown): Detector {
  const metric = resolveMetric(m.metric);
  switch (m.detector) {
    case 'bernoulli_cusum':
      return createRateCusumDetector(metric, m.params, saved);
    case 'ewma':
    case 'tabular_cusum':
      return createValueChartDetector(m.detector, metric, m.params, saved);
    case 'new_value':
      return createNewValueDetector(metric, m.params, saved);
    case 'share_shift':
      return createShareShiftDetector(metric, m.params, saved);
    case 'dominance':
      return createDominanceDetector(metric, m.params, saved);
    case 'embedding_drift':
      return createEmbeddingDriftDetector(metric, m.params, saved);
  }
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
  const resolveAfter =
    typeof monitor.params.resolveAfter === 'number'
      ? monitor.params.resolveAfter
      : DEFAULT_RESOLVE_AFTER;
  const notable = (o: Observation): boolean => (metric.kind === 'rate' ? metric.read(o) : true);
  return {
    observe(o) {
      if (!matchesSegment(o, monitor.segment)) return undefined;
      s.seen += 1;
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
  };
}
