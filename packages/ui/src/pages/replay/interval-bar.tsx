import type { ProportionInterval } from '@glassbox/core/stats';
import { formatInterval } from '../../view-model/replay-view.js';

/**
 * A failure rate on a 0-100 % track: a bar to the estimate and a whisker over its 95 %
 * interval, so arms can be compared at a glance.
 */
export function IntervalBar(props: { interval: ProportionInterval | null; tone?: 'bad' | 'fix' }) {
  const { interval } = props;
  if (!interval) return <span className="muted">not judged</span>;
  const pct = (share: number) => `${Math.max(0, Math.min(100, share * 100))}%`;
  return (
    <span
      className={`interval-bar ${props.tone ? `tone-${props.tone}` : ''}`}
      role="img"
      aria-label={`failure rate ${formatInterval(interval)}`}
      data-estimate={interval.estimate}
      data-lower={interval.lower}
      data-upper={interval.upper}
    >
      <span className="interval-fill" style={{ width: pct(interval.estimate) }} />
      <span
        className="interval-whisker"
        style={{ left: pct(interval.lower), width: pct(interval.upper - interval.lower) }}
      />
    </span>
  );
}
