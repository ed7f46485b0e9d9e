import { numberParam, type DetectorParams } from './detector.js';
import type {
  MonitorEvaluator,
  MonitorEvent,
  MonitorState,
  SplitState,
} from './monitor-evaluator.js';
import type { MonitorDefinition } from './monitor.js';
import type { Observation } from './observation.js';
import { RATE_CUSUM_DEFAULTS } from './rate-cusum-detector.js';
import {
  chooseSegments,
  countSegments,
  SEGMENT_DISCOVERY,
  segmentValuesOf,
} from './segment-discovery.js';
import { matchesSegment } from './segment-filter.js';
import { VALUE_CHART_DEFAULTS } from './value-chart-detector.js';

type ChartFactory = (m: MonitorDefinition, saved?: MonitorState) => MonitorEvaluator;

/**
 * Splits the monitor's in-control run length (ARL0) Bonferroni-style: the overall chart and
 * each segment key get 1/(K+1) of the false-alarm budget. A key's values partition the
 * traffic, so each of its charts keeps (K+1)·ARL0 in its own requests; tools (a request may
 * use several) are further split by their number. A fixed `h` is left alone.
 */
function budgeted(params: DetectorParams, factor: number): DetectorParams {
  if (typeof params.h === 'number' || factor === 1) return params;
  const arl0 = numberParam(params, 'targetArl0', RATE_CUSUM_DEFAULTS.targetArl0);
  return { ...params, targetArl0: arl0 * factor };
}

/**
 * Value charts per segment: a tabular CUSUM of the mean (of the logarithm when the monitor
 * charts logs) over blocks of 10 of the segment's requests, armed on 20 blocks (200
 * requests). A segment has too few requests for a p95 per block or for 100 baseline blocks.
 */
export const SEGMENT_VALUE_CHART = { blockSize: 10, baselineBlocks: 20 };

const VALUE_DETECTORS = new Set(['ewma', 'tabular_cusum']);

/**
 * The tabular CUSUM threshold whose in-control run length (in blocks) is `factor` times that
 * of threshold `h`: with allowance k the run length grows as e^(2k·h) (Siegmund's
 * approximation), so ln(factor)/(2k) is added.
 *
 * @example
 * valueThreshold(11, 3); // 11 + ln 3 with the default k = 1/2
 */
export function valueThreshold(h: number, factor: number, k = VALUE_CHART_DEFAULTS.k): number {
  if (!(factor >= 1)) throw new RangeError(`run-length factor must be at least 1, got ${factor}`);
  return h + Math.log(factor) / (2 * k);
}

/**
 * A value monitor's chart parameters at `factor` times its in-control run length in
 * requests. Segment charts (`segment` true) use SEGMENT_VALUE_CHART's shorter blocks, so
 * they also make up for the blocks being smaller than the monitor's.
 */
function valueParams(monitor: MonitorDefinition, factor: number, segment: boolean): DetectorParams {
  const p = monitor.params;
  const h =
    monitor.detector === 'tabular_cusum'
      ? numberParam(p, 'h', VALUE_CHART_DEFAULTS.h)
      : VALUE_CHART_DEFAULTS.h;
  if (!segment)
    return factor === 1 || monitor.detector !== 'tabular_cusum'
      ? p
      : { ...p, h: valueThreshold(h, factor) };
  const blocks =
    numberParam(p, 'blockSize', VALUE_CHART_DEFAULTS.blockSize) / SEGMENT_VALUE_CHART.blockSize;
  return {
    ...(p.log === undefined ? {} : { log: p.log }),
    ...(p.direction === undefined ? {} : { direction: p.direction }),
    statistic: 'mean',
    ...SEGMENT_VALUE_CHART,
    h: valueThreshold(h, factor * Math.max(1, blocks)),
  };
}

/** The parameters of one segment's chart: short baseline, its budget share, then its tier's. */
export function segmentParams(
  monitor: MonitorDefinition,
  segment: Record<string, string>,
  factor: number,
): DetectorParams {
  if (VALUE_DETECTORS.has(monitor.detector)) return valueParams(monitor, factor, true);
  const base: DetectorParams =
    monitor.params.baselineSize === undefined
      ? { ...monitor.params, baselineSize: SEGMENT_DISCOVERY.segmentBaseline }
      : monitor.params;
  const tier = monitor.tiers?.find((t) =>
    Object.entries(t.segment).every(([k, v]) => segment[k] === v),
  );
  return { ...budgeted(base, factor), ...(tier?.params ?? {}) };
}

/**
 * A monitor with `segmentBy`: its overall chart plus one chart per segment value (value
 * monitors: a tabular CUSUM per segment, see SEGMENT_VALUE_CHART; their overall chart, when a
 * tabular CUSUM, takes its budget share through a higher threshold, an EWMA keeps its limits). With
 * `auto` the keys are found in the first requests (see segment-discovery.ts) and fixed; with
 * a list of keys each value gets a chart when first seen (at most 20 per key). Every chart's
 * events carry its segment; false alarms are controlled across them by `budgeted`.
 */
export function createSplitEvaluator(
  monitor: MonitorDefinition,
  saved: MonitorState | undefined,
  chart: ChartFactory,
): MonitorEvaluator {
  const pinned = Array.isArray(monitor.segmentBy) ? monitor.segmentBy : undefined;
  const split: SplitState = saved?.split
    ? structuredClone(saved.split)
    : pinned
      ? { keys: Object.fromEntries(pinned.map((k) => [k, []])), charts: {} }
      : { discovery: { seen: 0, values: {}, overflow: [] }, charts: {} };
  const plain: MonitorDefinition = { ...monitor };
  delete plain.segmentBy;
  delete plain.tiers;
  const share = (): number => Object.keys(split.keys ?? {}).length + 1;
  const values = VALUE_DETECTORS.has(monitor.detector);
  const overallDef = (): MonitorDefinition => ({
    ...plain,
    params: values
      ? valueParams(monitor, split.keys ? share() : 1, false)
      : budgeted(monitor.params, split.keys ? share() : 1),
  });
  const ownState = (): MonitorState | undefined => {
    if (!saved) return undefined;
    const own = { ...saved };
    delete own.split;
    return own;
  };
  let overall = chart(overallDef(), ownState());
  const charts = new Map<string, MonitorEvaluator>();
  const chartFor = (key: string, value: string): MonitorEvaluator => {
    const id = `${key}=${value}`;
    let ev = charts.get(id);
    if (!ev) {
      const segment = { ...monitor.segment, [key]: value };
      const keyFactor = key === 'tool' ? Math.max(1, split.keys?.[key]?.length ?? 1) : 1;
      ev = chart(
        {
          ...plain,
          ...(values ? { detector: 'tabular_cusum' as const } : {}),
          segment,
          params: segmentParams(monitor, segment, share() * keyFactor),
        },
        split.charts[id],
      );
      charts.set(id, ev);
    }
    return ev;
  };
  const observeAll = (o: Observation): MonitorEvent[] => {
    if (!matchesSegment(o, monitor.segment)) return [];
    if (split.discovery) {
      countSegments(split.discovery, o);
      const needed = Math.min(
        SEGMENT_DISCOVERY.requests,
        numberParam(monitor.params, 'baselineSize', RATE_CUSUM_DEFAULTS.baselineSize),
      );
      if (split.discovery.seen >= needed) {
        split.keys = chooseSegments(split.discovery);
        delete split.discovery;
        // The overall chart has not armed yet: it takes its budget share from here on.
        overall = chart(overallDef(), overall.state());
      }
    }
    const events = overall.observeAll(o);
    for (const [key, values] of Object.entries(split.keys ?? {})) {
      for (const value of segmentValuesOf(o, key)) {
        if (!values.includes(value)) {
          if (!pinned || values.length >= SEGMENT_DISCOVERY.maxValues) continue;
          values.push(value);
        }
        events.push(...chartFor(key, value).observeAll(o));
      }
    }
    return events;
  };
  return {
    observe: (o) => observeAll(o)[0],
    observeAll,
    state: () => {
      for (const [id, ev] of charts) split.charts[id] = ev.state();
      return { ...overall.state(), split: structuredClone(split) };
    },
    readiness: () => overall.readiness(),
  };
}
