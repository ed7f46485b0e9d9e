import { niceStep } from './time-axis.js';

/** A value at an instant; undefined leaves a gap in the line. */
export interface SeriesPoint {
  atMs: number;
  value: number | undefined;
  /** Out of control: drawn as a marked point. */
  alarm?: boolean;
}

/** A data line (the statistic, a rate) or a reference line (centre, control limits). */
export interface ChartLine {
  name: string;
  role: 'data' | 'centre' | 'limit';
  points: SeriesPoint[];
}

/** A chart in data units: the SVG component only maps it onto pixels. */
export interface LineChart {
  lines: ChartLine[];
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  yTicks: number[];
  xTicks: number[];
  /** Instants to mark with a vertical rule (alert onsets). */
  markers: { atMs: number; label: string }[];
}

/**
 * Fits the axes of a line chart around its lines: nice y ticks covering every finite value
 * (and `includeZero`), x ticks at nice steps of minutes, hours or days.
 *
 * @example
 * const chart = buildLineChart([{ name: 'rate', role: 'data', points }], { includeZero: true });
 * chart.yTicks; // [0, 0.05, 0.1]
 */
export function buildLineChart(
  lines: ChartLine[],
  options: {
    includeZero?: boolean;
    markers?: LineChart['markers'];
    xRange?: [number, number];
  } = {},
): LineChart {
  const values: number[] = [];
  const times: number[] = [];
  for (const line of lines) {
    for (const p of line.points) {
      times.push(p.atMs);
      if (p.value !== undefined && Number.isFinite(p.value)) values.push(p.value);
    }
  }
  for (const m of options.markers ?? []) times.push(m.atMs);
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  if (options.includeZero) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  if (hi - lo < 1e-12) {
    const pad = Math.abs(hi) > 0 ? Math.abs(hi) * 0.5 : 1;
    hi += pad;
    if (!(options.includeZero && lo === 0)) lo -= pad;
  }
  const step = niceStep((hi - lo) / 4);
  const yMin = Math.floor(lo / step + 1e-9) * step;
  const yMax = Math.ceil(hi / step - 1e-9) * step;
  const yTicks: number[] = [];
  for (let v = yMin; v <= yMax + step * 1e-6; v += step) yTicks.push(roundTo(v, step));
  const [xMin, xMax] = options.xRange ?? [
    times.length ? Math.min(...times) : 0,
    times.length ? Math.max(...times) : 1,
  ];
  const span = Math.max(xMax - xMin, 1);
  return {
    lines,
    xMin,
    xMax: xMin + span,
    yMin,
    yMax,
    yTicks,
    xTicks: timeTicks(xMin, xMin + span, 6),
    markers: options.markers ?? [],
  };
}

const TIME_STEPS = [
  1000,
  5000,
  15_000,
  30_000,
  60_000,
  300_000,
  900_000,
  1_800_000,
  3_600_000,
  3 * 3_600_000,
  6 * 3_600_000,
  12 * 3_600_000,
  86_400_000,
  7 * 86_400_000,
];

/** Ticks at round clock times (whole minutes, quarter hours, ...) within [from, to]. */
export function timeTicks(from: number, to: number, target: number): number[] {
  const raw = (to - from) / Math.max(1, target);
  const step = TIME_STEPS.find((s) => s >= raw) ?? niceStep(raw);
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}

function roundTo(value: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(value.toFixed(Math.min(digits, 12)));
}
