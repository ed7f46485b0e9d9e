import { API_ROUTES, searchParamsOf } from '@glassbox/core/api';
import { useState } from 'react';
import { api } from '../../api/api-client.js';
import { useApi } from '../../api/use-api.js';
import { ErrorState, Loading } from '../../components/states.js';
import { Link } from '../../router/link.js';
import { paths } from '../../router/match-route.js';
import { navigate } from '../../router/use-location.js';
import { sortMonitors } from '../../view-model/monitor-state.js';
import { DetectionEmpty } from '../detection-empty.js';
import { MonitorCard } from './monitor-card.js';

export const CHART_RANGES = [
  { range: '1h', ms: 3_600_000, label: 'Last hour' },
  { range: '6h', ms: 6 * 3_600_000, label: 'Last 6 hours' },
  { range: '24h', ms: 86_400_000, label: 'Last 24 hours' },
  { range: '7d', ms: 7 * 86_400_000, label: 'Last 7 days' },
] as const;

/** Every monitor of the project with its state and a small control chart of its metric. */
export function MonitorsPage(props: { search: string }) {
  const token = new URLSearchParams(props.search).get('range');
  const range = CHART_RANGES.find((r) => r.range === token) ?? CHART_RANGES[0];
  const [version, setVersion] = useState(0);
  const [to] = useState(() => Math.ceil(Date.now() / 60_000) * 60_000);
  const state = useApi(`monitors#${version}`, async (signal) => {
    const [monitors, alerts] = await Promise.all([
      api.listMonitors(signal),
      api.listAlerts(searchParamsOf(API_ROUTES.listAlerts, { limit: 500 }), signal),
    ]);
    const unresolved = alerts.items.filter((a) => a.status !== 'resolved');
    return { monitors: sortMonitors(monitors.items, unresolved), alerts: alerts.items };
  });
  return (
    <div className="monitors-page">
      <div className="page-head">
        <h1>Monitors</h1>
        <div className="filters-row">
          <Link href={paths.metrics()}>Explore metrics →</Link>
          <label className="field">
            <span>Charts</span>
            <select
              name="range"
              value={range.range}
              onChange={(e) => navigate(`${paths.monitors()}?range=${e.target.value}`)}
            >
              {CHART_RANGES.map((r) => (
                <option key={r.range} value={r.range}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {state.status === 'loading' ? (
        <Loading what="monitors" />
      ) : state.status === 'error' ? (
        <ErrorState error={state.error} what="monitors" />
      ) : state.data.monitors.length === 0 ? (
        <DetectionEmpty title="No monitors yet" testId="monitors-empty">
          <p>
            The default monitors (error, refusal and escalation rates, latency, cost, drift) are
            added when the first traces of a project arrive. Add your own with{' '}
            <code>POST /api/monitors</code> or a monitors YAML file (<code>--monitors</code>).
          </p>
        </DetectionEmpty>
      ) : (
        <>
          <p className="muted page-note">
            Each chart is a Shewhart chart of the monitor&apos;s metric in its segment (centre line,
            3σ limits, points beyond them in red; alert onsets as dashed rules). The detector itself
            (CUSUM, EWMA, tests) runs per request; open an alert to see its statistic against its
            threshold.
          </p>
          <p className="muted page-note" data-testid="arming-note">
            A monitor first learns its baseline from its first <code>baselineSize</code> matching
            requests (<code>baselineBlocks</code> × <code>blockSize</code> for values) and judges
            nothing until then: it shows &ldquo;learning baseline (n of N)&rdquo; and when it will
            be armed at the rate its requests have arrived so far. Rate monitors wait for 1,000
            requests on purpose: measured, arming after 200 (with the baseline rate&apos;s 95 %
            upper bound as p0) alarms about four times as often as the one-million-request target
            and needs a median of 5,461 requests to see a 5 % rate double, against 809 after 1,000
            (docs/monitor-arming.md). A monitor&apos;s <code>baselineSize</code> arms it sooner at
            that cost.
          </p>
          <div className="monitor-grid" data-testid="monitor-grid">
            {state.data.monitors.map((m) => (
              <MonitorCard
                key={`${m.id}-${m.updatedAtMs}`}
                monitor={m}
                alerts={state.data.alerts}
                from={to - range.ms}
                to={to}
                onChanged={() => setVersion((v) => v + 1)}
              />
            ))}
          </div>
        </>
      )}
    </div>
  );
}
