import {
  findFailures,
  resolveThresholds,
  type ClassifierThresholds,
  type Finding,
} from '@glassbox/core/classify';
import type { Span, TraceDetail } from '@glassbox/core/model';
import { ReplayServiceError } from './replay-service-error.js';

/** The slice of storage replay reads. */
export interface ReplayPorts {
  traces: { getTrace(projectId: string, traceId: string): Promise<TraceDetail | undefined> };
  projects: { getThresholds(projectId: string): Promise<Partial<ClassifierThresholds>> };
}

/** A stored trace, its findings by today's classifier, and the project's thresholds. */
export interface LoadedTrace {
  traceId: string;
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
