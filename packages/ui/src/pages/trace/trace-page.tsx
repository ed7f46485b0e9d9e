import type { Finding } from '@glassbox/core/classify';
import { useMemo, useState, type ComponentProps, type ReactNode } from 'react';
import { api } from '../../api/api-client.js';
import { useApi } from '../../api/use-api.js';
import { CategoryBadge } from '../../components/badges.js';
import { OutcomeBadge } from '../../components/outcome-badge.js';
import { SearchHighlight } from '../../components/search-highlight.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { Link } from '../../router/link.js';
import { paths } from '../../router/match-route.js';
import { navigate } from '../../router/use-location.js';
import {
  formatCost,
  formatDuration,
  formatTimestamp,
  formatTokens,
} from '../../view-model/format.js';
import { buildSpanTree } from '../../view-model/span-tree.js';
import { traceAnswer } from '../../view-model/trace-answer.js';
import { traceIdProblem } from '../../view-model/trace-id.js';
import type { TraceDetailResponse, TraceOutlineResponse } from '@glassbox/core/api';
import type { TraceSummary } from '@glassbox/core/model';
import { BisectPanel } from '../replay/bisect-panel.js';
import { recordedOutput } from '../replay/replay-panel.js';
import { ReplayRuns } from '../replay/replay-runs.js';
import { WholeRunReplays } from '../replay/whole-run-replays.js';
import { AddToDatasetButton } from './add-to-dataset-button.js';
import { DiagnosisPanel } from './diagnosis-panel.js';
import { ScoresPanel } from './scores-panel.js';
import { SpanInspector } from './span-inspector.js';
import { SearchMatches, searchOf, type TraceSearch } from './search-matches.js';
import { SpendBar } from './spend-bar.js';
import { Waterfall } from './waterfall.js';

/**
 * One trace: summary, Glassbox's diagnosis, the waterfall and the span inspector; reached from
 * a search (`?q=…&scope=…`), it also shows where the search matched, marked.
 */
export function TracePage(props: {
  traceId: string;
  spanId?: string;
  replay?: boolean;
  search?: string;
}) {
  const problem = traceIdProblem(props.traceId);
  if (problem) {
    return (
      <EmptyState title="Not a trace id" testId="bad-trace-id">
        <p>{problem}</p>
        <p>
          Trace ids come from the <code>traceId</code> of your OpenTelemetry spans.{' '}
          <Link href={paths.traces()}>Back to traces</Link>.
        </p>
      </EmptyState>
    );
  }
  return <TraceLoader {...props} />;
}

function TraceLoader(props: {
  traceId: string;
  spanId?: string;
  replay?: boolean;
  search?: string;
}) {
  const search = useMemo(() => searchOf(props.search ?? ''), [props.search]);
  const state = useApi(props.traceId, (signal) => loadTrace(props.traceId, signal));
  if (state.status === 'loading') return <Loading what="trace" />;
  if (state.status === 'error') {
    if (state.error.status === 404) {
      return (
        <EmptyState title="Trace not found" testId="trace-not-found">
          <p>
            No trace <code>{props.traceId}</code> in this project. It may not have arrived yet
            (exporters batch for a few seconds) or it belongs to another project.{' '}
            <Link href={paths.traces()}>Back to traces</Link>.
          </p>
        </EmptyState>
      );
    }
    return <ErrorState error={state.error} what="the trace" />;
  }
  if (state.data.kind === 'outline') {
    return <LargeTraceView outline={state.data.outline} selectedId={props.spanId} />;
  }
  return (
    <TraceView
      detail={state.data.detail}
      selectedId={props.spanId}
      replay={props.replay === true}
      search={search}
    />
  );
}

/** Traces with more spans than this open from their outline, each span read when selected. */
export const LARGE_TRACE_VIEW_SPANS = 1000;

/** The outline first (small whatever the trace); the whole detail only for a trace not large. */
async function loadTrace(
  traceId: string,
  signal: AbortSignal,
): Promise<
  | { kind: 'outline'; outline: TraceOutlineResponse }
  | { kind: 'detail'; detail: TraceDetailResponse }
> {
  const outline = await api.getTraceOutline(traceId, signal);
  if (outline.trace.spanCount > LARGE_TRACE_VIEW_SPANS) return { kind: 'outline', outline };
  return { kind: 'detail', detail: await api.getTrace(traceId, signal) };
}

/**
 * A large trace: its summary and the waterfall of span outlines, virtualized; the selected
 * span is read whole on its own, so opening 10,000 spans never moves their bodies.
 */
function LargeTraceView(props: { outline: TraceOutlineResponse; selectedId: string | undefined }) {
  const { trace, spans, findings } = props.outline;
  const tree = useMemo(() => buildSpanTree(spans), [spans]);
  const selected =
    (props.selectedId ? tree.byId.get(props.selectedId) : undefined) ?? tree.roots[0];
  const flagged = useMemo(() => spansWithFindings(findings), [findings]);
  const categories = [...new Set(findings.map((f) => f.category))];
  const select = (spanId: string) =>
    navigate(paths.trace(trace.traceId, spanId), { replace: true });
  return (
    <div className="trace-page" data-testid="large-trace">
      <div className="page-head trace-head">
        <TraceTitle trace={trace} categories={categories} />
      </div>
      <TraceStats trace={trace} />
      <p className="muted">
        {trace.spanCount.toLocaleString('en-US')} spans: the waterfall shows each span&apos;s
        outline, and the inspector reads the selected span.
      </p>
      <DiagnosisPanel traceId={trace.traceId} findingCount={findings.length} />
      <TraceSplit
        waterfall={{ tree, trace, selectedId: selected?.spanId, flagged, onSelect: select }}
        inspector={
          selected ? (
            <LazySpanInspector
              traceId={trace.traceId}
              spanId={selected.spanId}
              findings={findings}
            />
          ) : undefined
        }
      />
    </div>
  );
}

/** The inspector of one span of a large trace, read whole when selected. */
function LazySpanInspector(props: { traceId: string; spanId: string; findings: Finding[] }) {
  const state = useApi(`${props.traceId}/${props.spanId}`, (signal) =>
    api.getSpan(props.traceId, props.spanId, signal),
  );
  if (state.status === 'loading') return <Loading what="span" />;
  if (state.status === 'error') return <ErrorState error={state.error} what="the span" />;
  return (
    <SpanInspector
      key={props.spanId}
      span={state.data}
      findings={props.findings.filter((f) => f.spanIds.includes(props.spanId))}
      traceFindingCount={props.findings.length}
      answer={undefined}
    />
  );
}

/** The waterfall beside the span inspector (or a note that the trace has no spans). */
function TraceSplit(props: { waterfall: ComponentProps<typeof Waterfall>; inspector: ReactNode }) {
  return (
    <div className="trace-split">
      <section className="panel waterfall-panel" aria-label="Waterfall">
        <Waterfall {...props.waterfall} />
      </section>
      <section className="panel inspector-panel" aria-label="Span inspector">
        {props.inspector ?? <EmptyState title="This trace has no spans" />}
      </section>
    </div>
  );
}

function TraceTitle(props: { trace: TraceSummary; categories: string[] }) {
  const { trace, categories } = props;
  return (
    <div>
      <div className="crumbs">
        <Link href={paths.traces()}>Traces</Link> / <span className="mono">{trace.traceId}</span>
      </div>
      <h1>
        {trace.rootName ?? 'Trace'} <OutcomeBadge trace={{ status: trace.status, categories }} />
        {categories.map((c) => (
          <CategoryBadge key={c} category={c} />
        ))}
      </h1>
    </div>
  );
}

function TraceStats(props: { trace: TraceSummary }) {
  const { trace } = props;
  return (
    <dl className="stats" data-testid="trace-stats">
      <Stat label="Started" value={formatTimestamp(trace.startMs)} />
      <Stat label="Duration" value={formatDuration(trace.durationMs)} />
      <Stat label="Spans" value={trace.spanCount.toLocaleString('en-US')} />
      <Stat label="Errors" value={trace.errorCount.toLocaleString('en-US')} />
      <Stat
        label="Tokens"
        value={`${formatTokens(trace.usage.total)} (${formatTokens(trace.usage.input)} in / ${formatTokens(trace.usage.output)} out)`}
      />
      <Stat label="Cost" value={formatCost(trace.costUsd)} />
      <Stat label="Models" value={trace.models.join(', ') || '—'} />
      {trace.sessionId ? (
        <div className="stat">
          <dt>Session</dt>
          <dd>
            <Link href={paths.session(trace.sessionId)}>{trace.sessionId}</Link>
          </dd>
        </div>
      ) : null}
      {trace.userId ? <Stat label="User" value={trace.userId} /> : null}
    </dl>
  );
}

function TraceView(props: {
  detail: TraceDetailResponse;
  selectedId: string | undefined;
  replay: boolean;
  search: TraceSearch | undefined;
}) {
  const { trace, spans } = props.detail;
  const findings = useMemo(() => props.detail.findings ?? [], [props.detail]);
  const tree = useMemo(() => buildSpanTree(spans), [spans]);
  // A replay link opens on the first model call, the span a replay starts from.
  const firstLlm = props.replay
    ? [...spans].sort((a, b) => a.startMs - b.startMs).find((s) => s.kind === 'llm')
    : undefined;
  const selected =
    (props.selectedId ? tree.byId.get(props.selectedId) : undefined) ?? firstLlm ?? tree.roots[0];
  const flagged = useMemo(() => spansWithFindings(findings), [findings]);
  const answer = useMemo(() => traceAnswer(spans, trace.rootSpanId), [spans, trace.rootSpanId]);
  const categories = [...new Set(findings.map((f) => f.category))];
  const [bisecting, setBisecting] = useState(false);
  const [runsVersion, setRunsVersion] = useState(0);
  const hasLlm = spans.some((s) => s.kind === 'llm');
  const select = (spanId: string) => {
    // Keep the search in the URL so its marks survive choosing a span.
    const keep = props.search ? `&${new URLSearchParams({ ...props.search })}` : '';
    navigate(`${paths.trace(trace.traceId, spanId)}${keep}`, { replace: true });
  };

  return (
    <div className="trace-page">
      <div className="page-head trace-head">
        <TraceTitle trace={trace} categories={categories} />
        {hasLlm && findings.length > 0 ? (
          <button
            type="button"
            onClick={() => setBisecting(!bisecting)}
            aria-expanded={bisecting}
            data-testid="bisect-action"
          >
            {bisecting ? 'Close bisection' : 'Bisect…'}
          </button>
        ) : null}
        <AddToDatasetButton traceIds={[trace.traceId]} />
      </div>
      <TraceStats trace={trace} />
      {props.search ? (
        <SearchMatches trace={trace} spans={spans} search={props.search} onSelect={select} />
      ) : null}
      <SpendBar spans={spans} />
      <DiagnosisPanel traceId={trace.traceId} findingCount={findings.length} />
      <ScoresPanel traceId={trace.traceId} />
      <WholeRunReplays traceId={trace.traceId} spans={spans} />
      {bisecting ? (
        <BisectPanel traceId={trace.traceId} onDone={() => setRunsVersion((v) => v + 1)} />
      ) : null}
      <ReplayRuns
        traceId={trace.traceId}
        version={runsVersion}
        recordedOutputOf={(spanId) => {
          const span = spans.find((s) => s.spanId === spanId);
          return span ? recordedOutput(span) : '';
        }}
      />
      <TraceSplit
        waterfall={{ tree, trace, selectedId: selected?.spanId, flagged, onSelect: select }}
        inspector={
          selected ? (
            <SearchHighlight.Provider value={props.search?.q}>
              <SpanInspector
                key={selected.spanId}
                span={selected}
                findings={findings.filter((f) => f.spanIds.includes(selected.spanId))}
                traceFindingCount={findings.length}
                answer={answer}
                spans={spans}
                replay={props.replay && selected.kind === 'llm'}
              />
            </SearchHighlight.Provider>
          ) : undefined
        }
      />
    </div>
  );
}

function Stat(props: { label: string; value: string }) {
  return (
    <div className="stat">
      <dt>{props.label}</dt>
      <dd>{props.value}</dd>
    </div>
  );
}

function spansWithFindings(findings: readonly Finding[]): Map<string, Finding['severity']> {
  const order = ['info', 'warning', 'error', 'critical'];
  const worst = new Map<string, Finding['severity']>();
  for (const finding of findings) {
    for (const id of finding.spanIds) {
      const current = worst.get(id);
      if (!current || order.indexOf(finding.severity) > order.indexOf(current))
        worst.set(id, finding.severity);
    }
  }
  return worst;
}
