import {
  findFailures,
  resolveThresholds,
  type ClassifierThresholds,
  type Finding,
} from '@glassbox/core/classify';
import type { Span, TraceDetail, TraceSummary } from '@glassbox/core/model';
import type { Page, TraceQuery } from '@glassbox/store';
import { ReplayServiceError } from './replay-service-error.js';

/** The slice of storage replay reads. */
export interface ReplayPorts {
  traces: {
    getTrace(projectId: string, traceId: string): Promise<TraceDetail | undefined>;
    listTraces(query: TraceQuery): Promise<Page<TraceSummary>>;
  };
  projects: { getThresholds(projectId: string): Promise<Partial<ClassifierThresholds>> };
}

/** A stored trace, its findings by today's classifier, and the project's thresholds. */
export interface LoadedTrace {
  traceId: string;
  summary: TraceSummary;
  spans: Span[];
  findings: Finding[];
  thresholds: ClassifierThresholds;
}

/** Loads a trace and classifies it the way replays will be classified. */
export async function loadTrace(
  ports: ReplayPorts,
  projectId: string,
  traceId: string,
): Promise<LoadedTrace> {
  const id = traceId.toLowerCase();
  const detail = await ports.traces.getTrace(projectId, id);
  if (!detail)
    throw new ReplayServiceError('not_found', `trace ${id} not found in project ${projectId}`);
  let thresholds: ClassifierThresholds;
  try {
    thresholds = resolveThresholds(await ports.projects.getThresholds(projectId));
  } catch {
    thresholds = resolveThresholds({});
  }
  return {
    traceId: id,
    summary: detail.trace,
    spans: detail.spans,
    findings: findFailures(detail.spans, thresholds),
    thresholds,
  };
}

/** A span of a loaded trace by id. */
export function spanOf(trace: LoadedTrace, spanId: string): Span {
  const span = trace.spans.find((s) => s.spanId === spanId.toLowerCase());
  if (!span)
    throw new ReplayServiceError('not_found', `span ${spanId} not found in trace ${trace.traceId}`);
  return span;
}

/**
 * The LLM call a bisection replays when none is named: the one most findings point at, else
 * the last one with captured messages, else the last one.
 */
export function pickLlmSpan(trace: LoadedTrace, like?: Span): Span {
  const llms = trace.spans.filter((s) => s.kind === 'llm').sort((a, b) => a.startMs - b.startMs);
  if (llms.length === 0)
    throw new ReplayServiceError('not_found', `trace ${trace.traceId} has no LLM span to replay`);
  if (like) {
    const same = llms.filter((s) => s.name === like.name);
    if (same.length > 0) return same.at(-1)!;
  }
  const votes = new Map<string, number>();
  for (const f of trace.findings)
    for (const id of f.spanIds) votes.set(id, (votes.get(id) ?? 0) + 1);
  const byVotes = [...llms].sort((a, b) => (votes.get(b.spanId) ?? 0) - (votes.get(a.spanId) ?? 0));
  if ((votes.get(byVotes[0]!.spanId) ?? 0) > 0) return byVotes[0]!;
  return llms.filter((s) => s.inputMessages.length > 0).at(-1) ?? llms.at(-1)!;
}

/** How far back the automatic good reference looks, in traces of the same route. */
const REFERENCE_CANDIDATES = 500;

/**
 * The good reference when none is given: the latest trace of the same route (root span name)
 * before the failing one that shows none of its finding categories and has an LLM call,
 * preferring one with the same root input (the same question).
 */
export async function findGoodReference(
  ports: ReplayPorts,
  projectId: string,
  bad: LoadedTrace,
): Promise<string> {
  const badCategories = new Set<string>(bad.findings.map((f) => f.category));
  const query: TraceQuery = {
    projectId,
    to: bad.summary.startMs - 1,
    kind: 'llm',
    limit: REFERENCE_CANDIDATES,
  };
  if (bad.summary.rootName) query.name = bad.summary.rootName;
  const { items } = await ports.traces.listTraces(query);
  const healthy = items.filter(
    (t) => t.errorCount === 0 && !(t.categories ?? []).some((c) => badCategories.has(c)),
  );
  const pick =
    healthy.find((t) => t.input !== undefined && t.input === bad.summary.input) ?? healthy[0];
  if (!pick)
    throw new ReplayServiceError(
      'not_found',
      `no good reference found: none of the ${items.length} earlier traces of route '${bad.summary.rootName ?? '(unnamed)'}' is free of ${[...badCategories].join(', ') || 'errors'}; give one with good.traceId`,
    );
  return pick.traceId;
}
