import { useLayoutEffect, useRef, useState } from 'react';
import type { FailureChart } from '../../view-model/failure-chart.js';

const HEIGHT = 240;
const PAD = { left: 44, right: 12, top: 12, bottom: 28 };

/** Stacked bars of failures per bucket; clicking a segment opens that category's traces. */
export function FailureChartSvg(props: {
  chart: FailureChart;
  bucketMs: number;
  onOpen: (category: string) => void;
}) {
  const { chart } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(960);
  // Drawn at the container's pixel width so text keeps its size at any window width.
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const measure = () => setWidth(Math.max(320, element.clientWidth));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const n = Math.max(chart.bars.length, 1);
  const slot = plotW / n;
  const barW = Math.max(1, slot * 0.72);
  const labelEvery = Math.max(1, Math.ceil(n / 8));
  const seriesOf = new Map(chart.categories.map((c, i) => [c, i % 10]));
  return (
    <div ref={ref}>
      <svg
        className="failure-chart"
        width={width}
        height={HEIGHT}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        role="img"
        aria-label={`Failures per ${Math.round(props.bucketMs / 60_000)} minutes, stacked by category`}
        data-testid="failure-chart"
      >
        {chart.yTicks.map((tick) => {
          const y = PAD.top + plotH * (1 - tick / chart.yMax);
          return (
            <g key={tick} className="grid">
              <line x1={PAD.left} x2={width - PAD.right} y1={y} y2={y} />
              <text x={PAD.left - 6} y={y + 4} textAnchor="end">
                {tick}
              </text>
            </g>
          );
        })}
        {chart.bars.map((bar, i) => {
          const x = PAD.left + i * slot + (slot - barW) / 2;
          return (
            <g key={bar.startMs}>
              {bar.segments.map((s) => (
                <rect
                  key={s.category}
                  className={`series-${seriesOf.get(s.category) ?? 0}`}
                  x={x}
                  width={barW}
                  y={PAD.top + s.y * plotH}
                  height={Math.max(0.5, s.height * plotH)}
                  onClick={() => props.onOpen(s.category)}
                >
                  <title>{`${s.category}: ${s.count} at ${new Date(bar.startMs).toLocaleString()}`}</title>
                </rect>
              ))}
              {i % labelEvery === 0 ? (
                <text className="axis-label" x={x + barW / 2} y={HEIGHT - 8} textAnchor="middle">
                  {bucketLabel(bar.startMs, props.bucketMs)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
    </div>
  );
}

function bucketLabel(ms: number, bucketMs: number): string {
  const d = new Date(ms);
  const pad = (v: number) => String(v).padStart(2, '0');
  if (bucketMs >= 86_400_000) return `${d.getMonth() + 1}/${d.getDate()}`;
  if (bucketMs >= 6 * 3_600_000) return `${d.getMonth() + 1}/${d.getDate()} ${pad(d.getHours())}h`;
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
