import type { LineChart, SeriesPoint } from '../view-model/line-chart.js';
import { useWidth } from './use-width.js';

const PAD = { left: 52, right: 14, top: 12, bottom: 26 };
const COMPACT_PAD = { left: 40, right: 8, top: 8, bottom: 18 };

/**
 * A line chart in SVG: grid, x/y ticks, reference lines (centre solid, limits dashed), data
 * lines with gaps, alarm points as red dots, and vertical markers (alert onsets). A legend
 * below names each line unless `compact`.
 */
export function LineChartSvg(props: {
  chart: LineChart;
  label: string;
  height?: number;
  compact?: boolean;
  formatY?: (value: number) => string;
  testId?: string;
}) {
  const { chart, compact } = props;
  const [ref, width] = useWidth(compact ? 360 : 960);
  const height = props.height ?? (compact ? 120 : 260);
  const pad = compact ? COMPACT_PAD : PAD;
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const x = (ms: number) => pad.left + ((ms - chart.xMin) / (chart.xMax - chart.xMin)) * plotW;
  const y = (v: number) =>
    pad.top + plotH * (1 - (v - chart.yMin) / (chart.yMax - chart.yMin || 1));
  const formatY = props.formatY ?? ((v: number) => String(v));
  const spanMs = chart.xMax - chart.xMin;
  const dataLines = chart.lines.filter((l) => l.role === 'data');
  const seriesOf = new Map(dataLines.map((l, i) => [l, i]));
  const yTicks = compact
    ? chart.yTicks.filter((_, i) => i === 0 || i === chart.yTicks.length - 1)
    : chart.yTicks;
  const xTicks = compact ? chart.xTicks.filter((_, i) => i % 2 === 0) : chart.xTicks;
  const alarms = dataLines.flatMap((l) => l.points.filter((p) => p.alarm && p.value !== undefined));
  const hasData = dataLines.some((l) => l.points.some((p) => defined(p.value)));
  return (
    <div ref={ref} className="line-chart-wrap">
      <svg
        className={`line-chart${compact ? ' compact' : ''}`}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={props.label}
        data-testid={props.testId}
        data-alarms={alarms.length}
      >
        {yTicks.map((tick) => (
          <g key={tick} className="grid">
            <line x1={pad.left} x2={width - pad.right} y1={y(tick)} y2={y(tick)} />
            <text x={pad.left - 6} y={y(tick) + 4} textAnchor="end">
              {formatY(tick)}
            </text>
          </g>
        ))}
        {xTicks.map((t) => (
          <text key={t} className="axis-label" x={x(t)} y={height - 5} textAnchor="middle">
            {clockLabel(t, spanMs)}
          </text>
        ))}
        {chart.markers.map((m) => (
          <g key={`${m.label}-${m.atMs}`} className="marker">
            <line x1={x(m.atMs)} x2={x(m.atMs)} y1={pad.top} y2={pad.top + plotH} />
            {compact ? null : (
              <text x={x(m.atMs) + 4} y={pad.top + 10}>
                {m.label}
              </text>
            )}
          </g>
        ))}
        {chart.lines.map((line) => (
          <path
            key={`${line.role}-${line.name}`}
            className={
              line.role === 'data'
                ? `line data stroke-${(seriesOf.get(line) ?? 0) % 10}`
                : `line ${line.role}`
            }
            d={pathOf(line.points, x, y)}
            data-role={line.role}
            data-series={line.role === 'data' ? seriesOf.get(line) : undefined}
          >
            <title>{line.name}</title>
          </path>
        ))}
        {dataLines.length === 1 && !compact
          ? dataLines[0]!.points
              .filter((p) => !p.alarm && p.value !== undefined)
              .slice(0, 400)
              .map((p) => (
                <circle
                  key={p.atMs}
                  className="point"
                  cx={x(p.atMs)}
                  cy={y(p.value!)}
                  r={2}
                  data-series={0}
                />
              ))
          : dataLines.flatMap((line) =>
              // A point between two gaps draws no line segment: mark it, or it is invisible.
              isolatedPoints(line.points).map((p) => (
                <circle
                  key={`${line.name}-${p.atMs}`}
                  className={`point isolated fill-${(seriesOf.get(line) ?? 0) % 10}`}
                  cx={x(p.atMs)}
                  cy={y(p.value!)}
                  r={compact ? 2 : 3}
                  data-series={seriesOf.get(line)}
                />
              )),
            )}
        {alarms.map((p) => (
          <circle
            key={`alarm-${p.atMs}`}
            className="alarm-point"
            cx={x(p.atMs)}
            cy={y(p.value!)}
            r={compact ? 2.5 : 3.5}
            data-alarm="true"
          >
            <title>{`out of control at ${new Date(p.atMs).toLocaleString()}: ${formatY(p.value!)}`}</title>
          </circle>
        ))}
      </svg>
      {compact && hasData && dataLines.length > 1 ? (
        <ul className="chart-legend compact">
          {dataLines.map((line, i) => (
            <li key={line.name}>
              <span className={`legend-swatch stroke-bg-${i % 10}`} aria-hidden="true" />
              {line.name}
            </li>
          ))}
        </ul>
      ) : null}
      {hasData ? null : (
        <p className="muted chart-no-data" data-testid="chart-no-data">
          No data in this window.
        </p>
      )}
      {compact || !hasData ? null : (
        <ul className="chart-legend">
          {chart.lines.map((line) => (
            <li key={`${line.role}-${line.name}`}>
              <svg width="22" height="8" aria-hidden="true">
                <line
                  x1="0"
                  x2="22"
                  y1="4"
                  y2="4"
                  className={
                    line.role === 'data'
                      ? `line data stroke-${(seriesOf.get(line) ?? 0) % 10}`
                      : `line ${line.role}`
                  }
                />
              </svg>
              {line.name}
            </li>
          ))}
          {alarms.length > 0 ? (
            <li>
              <span className="alarm-dot" aria-hidden="true" />
              out of control ({alarms.length})
            </li>
          ) : null}
        </ul>
      )}
    </div>
  );
}

function defined(v: number | undefined): v is number {
  return v !== undefined && Number.isFinite(v);
}

/** Points with a value whose neighbours both have none (or do not exist). */
function isolatedPoints(points: SeriesPoint[]): SeriesPoint[] {
  return points.filter(
    (p, i) =>
      defined(p.value) &&
      !p.alarm &&
      !defined(points[i - 1]?.value) &&
      !defined(points[i + 1]?.value),
  );
}

function pathOf(points: SeriesPoint[], x: (ms: number) => number, y: (v: number) => number) {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p.value === undefined || !Number.isFinite(p.value)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(p.atMs).toFixed(1)},${y(p.value).toFixed(1)}`;
    pen = true;
  }
  return d;
}

function clockLabel(ms: number, spanMs: number): string {
  const d = new Date(ms);
  const pad = (v: number) => String(v).padStart(2, '0');
  if (spanMs > 3 * 86_400_000) return `${d.getMonth() + 1}/${d.getDate()}`;
  if (spanMs < 10 * 60_000)
    return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
