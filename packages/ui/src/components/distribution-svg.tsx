import type { DistributionRow } from '../view-model/distribution.js';
import { useWidth } from './use-width.js';

const ROW = 30;
const LABEL = 150;

/** Baseline vs current share per category as paired horizontal bars, with percentages. */
export function DistributionSvg(props: { rows: DistributionRow[]; label: string }) {
  const [ref, width] = useWidth(640, 320);
  const rows = props.rows.slice(0, 12);
  const plotW = width - LABEL - 64;
  const height = rows.length * ROW + 28;
  const pct = (v: number) => `${(v * 100).toFixed(v < 0.1 ? 1 : 0)} %`;
  return (
    <div ref={ref}>
      <svg
        className="distribution"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={props.label}
        data-testid="distribution"
      >
        {rows.map((r, i) => {
          const top = i * ROW + 4;
          return (
            <g key={r.category} data-category={r.category}>
              <text className="cat" x={LABEL - 8} y={top + 15} textAnchor="end">
                {r.category.length > 22 ? `${r.category.slice(0, 21)}…` : r.category}
              </text>
              <rect
                className="baseline"
                x={LABEL}
                y={top + 2}
                height={10}
                width={Math.max(1, r.baseline * plotW)}
              >
                <title>{`${r.category}: baseline ${pct(r.baseline)}`}</title>
              </rect>
              <rect
                className="current"
                x={LABEL}
                y={top + 13}
                height={10}
                width={Math.max(1, r.current * plotW)}
              >
                <title>{`${r.category}: current ${pct(r.current)}`}</title>
              </rect>
              <text className="value" x={LABEL + r.baseline * plotW + 5} y={top + 11}>
                {pct(r.baseline)}
              </text>
              <text className="value strong" x={LABEL + r.current * plotW + 5} y={top + 22}>
                {pct(r.current)}
              </text>
            </g>
          );
        })}
        <g transform={`translate(${LABEL}, ${height - 10})`} className="legend">
          <rect className="baseline" width={10} height={8} y={-7} />
          <text x={14}>baseline</text>
          <rect className="current" x={80} width={10} height={8} y={-7} />
          <text x={94}>current window</text>
        </g>
      </svg>
    </div>
  );
}
