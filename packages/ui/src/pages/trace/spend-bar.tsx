import type { Span } from '@glassbox/core/model';
import { useMemo } from 'react';
import { formatCost, formatDuration, formatTokens } from '../../view-model/format.js';
import { spendBreakdown } from '../../view-model/spend-breakdown.js';

/** Where the time and money went: self time per span kind as one stacked bar, with totals. */
export function SpendBar(props: { spans: readonly Span[] }) {
  const kinds = useMemo(() => spendBreakdown(props.spans), [props.spans]);
  const totalMs = kinds.reduce((sum, k) => sum + k.selfMs, 0);
  if (kinds.length === 0 || totalMs <= 0) return null;
  return (
    <section className="panel spend" aria-label="Where the time and money went" data-testid="spend">
      <div className="spend-bar" aria-hidden="true">
        {kinds.map((k) => (
          <span
            key={k.kind}
            className={`kind-${k.kind}`}
            style={{ width: `${(k.selfMs / totalMs) * 100}%` }}
            title={`${k.kind}: ${formatDuration(k.selfMs)}`}
          />
        ))}
      </div>
      <ul className="spend-legend">
        {kinds.map((k) => (
          <li key={k.kind}>
            <span className={`kind-dot kind-${k.kind}`} />
            <strong>{k.kind}</strong> <span className="muted">×{k.spans}</span>{' '}
            {formatDuration(k.selfMs)}
            <span className="muted"> ({Math.round((k.selfMs / totalMs) * 100)}%)</span>
            {k.tokens > 0 ? <span className="muted"> · {formatTokens(k.tokens)} tok</span> : null}
            {k.costUsd > 0 ? <span className="muted"> · {formatCost(k.costUsd)}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
