import { API_ROUTES, searchParamsOf } from '@glassbox/core/api';
import { useState } from 'react';
import { artifactApi, type ArtifactRef } from '../../api/artifact-api.js';
import { useApi } from '../../api/use-api.js';
import { LineChartSvg } from '../../components/line-chart-svg.js';
import { ErrorState, Loading } from '../../components/states.js';
import { buildLineChart } from '../../view-model/line-chart.js';

const WINDOWS = [
  { label: '1 hour', ms: 3_600_000 },
  { label: '6 hours', ms: 6 * 3_600_000 },
  { label: '24 hours', ms: 24 * 3_600_000 },
];

/** Live sessions still pinned to each version now, and over the chosen window. */
export function DrainPanel(props: { artifact: ArtifactRef; revision: number }) {
  const { artifact } = props;
  const [windowMs, setWindowMs] = useState(WINDOWS[1]!.ms);
  const id = `${artifact.kind}/${artifact.name}#${props.revision}`;
  const live = useApi(`pins ${id}`, (signal) => artifactApi.artifactPins(artifact, signal));
  const drain = useApi(`drain ${id} ${windowMs}`, (signal) =>
    artifactApi.artifactPinDrain(
      artifact,
      searchParamsOf(API_ROUTES.getArtifactPinDrain, { windowMs, points: 60 }),
      signal,
    ),
  );
  return (
    <section className="panel" data-testid="drain-panel">
      <div className="page-head">
        <h2>Pinned sessions</h2>
        <label className="field">
          <span>Window</span>
          <select
            name="window"
            value={windowMs}
            onChange={(e) => setWindowMs(Number(e.target.value))}
          >
            {WINDOWS.map((w) => (
              <option key={w.ms} value={w.ms}>
                {w.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {live.status === 'loading' ? (
        <Loading what="pins" />
      ) : live.status === 'error' ? (
        <ErrorState error={live.error} what="pins" />
      ) : live.data.items.length === 0 ? (
        <p className="muted">No live session is pinned to any version.</p>
      ) : (
        <table className="totals list-table" data-testid="live-pins">
          <thead>
            <tr>
              <th>Label</th>
              <th>Version</th>
              <th className="num">Live sessions</th>
            </tr>
          </thead>
          <tbody>
            {live.data.items.map((p) => (
              <tr key={`${p.label}@${p.version}`} data-pin={`${p.label}@${p.version}`}>
                <td>{p.label}</td>
                <td>v{p.version}</td>
                <td className="num">{p.sessions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {drain.status === 'loading' ? (
        <Loading what="drain" />
      ) : drain.status === 'error' ? (
        <ErrorState error={drain.error} what="the drain chart" />
      ) : drain.data.items.length === 0 ? null : (
        <LineChartSvg
          testId="drain-chart"
          label="Live sessions pinned per version over time"
          chart={buildLineChart(
            drain.data.items.map((s) => ({
              name: `${s.label} v${s.version}`,
              role: 'data' as const,
              points: s.points.map((p) => ({ atMs: p.atMs, value: p.sessions })),
            })),
            { includeZero: true },
          )}
          formatY={(v) => String(Math.round(v))}
        />
      )}
    </section>
  );
}
