import type { TraceSummary } from '@glassbox/core/model';
import { formatCost, formatDuration, formatTimestamp } from '../../view-model/format.js';

/**
 * The full values of the row under the keyboard, which the table cuts to fit: what a mouse
 * user reads in titles, a keyboard user reads here (announced politely as the row changes).
 */
export function ActiveTraceDetail(props: { item: TraceSummary }) {
  const { item } = props;
  const entries: [string, string | undefined][] = [
    ['Trace', item.rootName ? `${item.rootName} (${item.traceId})` : item.traceId],
    ['Started', formatTimestamp(item.startMs)],
    ['Session', item.sessionId],
    ['User', item.userId],
    ['Models', item.models.join(', ') || undefined],
    ['Latency', formatDuration(item.durationMs)],
    ['Cost', formatCost(item.costUsd)],
    ['Failures', (item.categories ?? []).map((c) => c.replaceAll('_', ' ')).join(', ') || 'none'],
  ];
  return (
    <dl className="row-detail" data-testid="active-trace-detail" aria-live="polite">
      {entries
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
