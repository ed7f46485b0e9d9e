import type { TraceDetailResponse } from '@glassbox/core/api';
import type { Span } from '@glassbox/core/model';
import { firstDivergence, runSteps, type Divergence, type RunStep } from '@glassbox/core/replay';
import { useMemo } from 'react';
import { api } from '../../api/api-client.js';
import { useApi } from '../../api/use-api.js';
import { ErrorState, Loading } from '../../components/states.js';
import { Link } from '../../router/link.js';
import { paths } from '../../router/match-route.js';
import { elideId, formatTimestamp } from '../../view-model/format.js';
import './replay.css';

/**
 * An original run and its whole-run replay side by side, step by step (model calls and tool
 * executions in order), with the first step whose input or output differs marked.
 */
export function ReplayComparePage(props: { traceId: string; replayTraceId: string }) {
  const state = useApi(`compare:${props.traceId}:${props.replayTraceId}`, async (signal) => {
    const [original, replay] = await Promise.all([
      api.getTrace(props.traceId, signal),
      api.getTrace(props.replayTraceId, signal),
    ]);
    return { original, replay };
  });
  if (state.status === 'loading') return <Loading what="both runs" />;
  if (state.status === 'error') return <ErrorState error={state.error} what="the two traces" />;
  return <Comparison original={state.data.original} replay={state.data.replay} />;
}

function Comparison(props: { original: TraceDetailResponse; replay: TraceDetailResponse }) {
  const { original, replay } = props;
  const divergence = useMemo(
    () => firstDivergence(original.spans, replay.spans),
    [original.spans, replay.spans],
  );
  const left = useMemo(() => runSteps(original.spans), [original.spans]);
  const right = useMemo(() => runSteps(replay.spans), [replay.spans]);
  const rows = Math.max(left.length, right.length);
  return (
    <div className="replay-compare" data-testid="replay-compare">
      <div className="page-head">
        <div>
          <div className="crumbs">
            <Link href={paths.traces()}>Traces</Link> /{' '}
            <Link className="mono" href={paths.trace(original.trace.traceId)}>
              {original.trace.traceId}
            </Link>{' '}
            / compare
          </div>
          <h1>Original run and its replay</h1>
        </div>
      </div>
      <p
        data-testid="divergence"
        data-step={divergence?.step ?? ''}
        data-kind={divergence?.kind ?? 'none'}
      >
        {divergenceLine(divergence, left, right)}
      </p>
      <table className="replay-table compare-table">
        <thead>
          <tr>
            <th>#</th>
            <th>
              Original{' '}
              <Link className="mono" href={paths.trace(original.trace.traceId)}>
                {elideId(original.trace.traceId)}
              </Link>{' '}
              <span className="muted">{formatTimestamp(original.trace.startMs)}</span>
            </th>
            <th>
              Replay{' '}
              <Link className="mono" href={paths.trace(replay.trace.traceId)}>
                {elideId(replay.trace.traceId)}
              </Link>{' '}
              <span className="muted">{formatTimestamp(replay.trace.startMs)}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, i) => {
            const marked = divergence?.step === i;
            const after = divergence !== null && i > divergence.step;
            return (
              <tr
                key={i}
                data-step={i}
                className={marked ? 'step-diverges' : after ? 'step-after' : ''}
                data-diverges={marked ? divergence.kind : undefined}
              >
                <td>
                  {i + 1}
                  {marked ? (
                    <span className="badge verdict-implicated">first divergence</span>
                  ) : null}
                </td>
                <StepCell step={left[i]} spans={original.spans} traceId={original.trace.traceId} />
                <StepCell step={right[i]} spans={replay.spans} traceId={replay.trace.traceId} />
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function divergenceLine(d: Divergence | null, left: RunStep[], right: RunStep[]): string {
  if (!d)
    return `No divergence: all ${left.length} steps asked and answered the same in the replay.`;
  const step = left[d.step] ?? right[d.step];
  const what =
    d.kind === 'missing'
      ? `only the ${left[d.step] ? 'original' : 'replay'} has it`
      : d.kind === 'input'
        ? 'it was asked something else'
        : 'same input, another output';
  return `First divergence at step ${d.step + 1} (${step?.kind ?? ''} ${step?.name ?? ''}): ${what}. Earlier steps match.`;
}

/** One step: what it was asked (last message or arguments) and what it gave. */
function StepCell(props: { step: RunStep | undefined; spans: readonly Span[]; traceId: string }) {
  const span = props.step ? props.spans.find((s) => s.spanId === props.step!.spanId) : undefined;
  if (!props.step || !span)
    return (
      <td className="muted">
        <em>no such step</em>
      </td>
    );
  const input =
    span.kind === 'tool'
      ? (span.tool?.arguments ?? span.input ?? '')
      : (span.inputMessages.at(-1)?.content ?? span.input ?? '');
  const reply = span.outputMessages.find((m) => m.role === 'assistant') ?? span.outputMessages[0];
  const output =
    span.kind === 'tool'
      ? (span.tool?.result ?? span.output ?? '')
      : reply
        ? [reply.content, ...(reply.toolCalls ?? []).map((c) => `→ ${c.name}(${c.arguments})`)]
            .filter(Boolean)
            .join('\n')
        : (span.output ?? '');
  return (
    <td className="compare-step">
      <Link href={paths.trace(props.traceId, span.spanId)}>
        <strong>
          {props.step.kind} {props.step.name}
        </strong>
      </Link>
      <div className="muted">in: {excerpt(input)}</div>
      <div>out: {excerpt(output)}</div>
    </td>
  );
}

const excerpt = (text: string) => (text.length > 240 ? `${text.slice(0, 240)}…` : text || '—');
