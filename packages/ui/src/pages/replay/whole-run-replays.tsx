import { API_ROUTES, searchParamsOf } from '@glassbox/core/api';
import { GLASSBOX_ATTRIBUTES, type Span } from '@glassbox/core/model';
import { replayTag } from '@glassbox/core/replay';
import { api } from '../../api/api-client.js';
import { useApi } from '../../api/use-api.js';
import { Link } from '../../router/link.js';
import { paths } from '../../router/match-route.js';
import { formatTimestamp } from '../../view-model/format.js';

/**
 * Links between a run and its whole-run replays (`glassbox replay TRACE_ID -- command`): on a
 * replay, the original it replays; on an original, its replays. Each opens side by side.
 */
export function WholeRunReplays(props: { traceId: string; spans: readonly Span[] }) {
  const replayOf = props.spans
    .map((s) => s.attributes[GLASSBOX_ATTRIBUTES.replayOfTrace])
    .find((v): v is string => typeof v === 'string');
  const state = useApi(`whole-run-replays:${props.traceId}`, (signal) =>
    api.listTraces(
      searchParamsOf(API_ROUTES.listTraces, { tag: [replayTag(props.traceId)], limit: 20 }),
      signal,
    ),
  );
  const replays = state.status === 'ok' ? state.data.items : [];
  if (!replayOf && replays.length === 0) return null;
  return (
    <section
      className="panel whole-run-replays"
      aria-label="Whole-run replays"
      data-testid="whole-run-replays"
    >
      {replayOf ? (
        <p>
          This run replays trace{' '}
          <Link className="mono" href={paths.trace(replayOf)}>
            {replayOf}
          </Link>
          :{' '}
          <Link
            href={paths.replayCompare(replayOf, props.traceId)}
            data-testid="compare-with-original"
          >
            compare side by side
          </Link>
        </p>
      ) : null}
      {replays.length > 0 ? (
        <p>
          Replayed {replays.length} time{replays.length === 1 ? '' : 's'}:{' '}
          {replays.map((r, i) => (
            <span key={r.traceId}>
              {i > 0 ? ', ' : ''}
              <Link
                href={paths.replayCompare(props.traceId, r.traceId)}
                data-replay-trace={r.traceId}
              >
                {formatTimestamp(r.startMs)}
              </Link>
            </span>
          ))}
        </p>
      ) : null}
    </section>
  );
}
