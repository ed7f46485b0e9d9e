import { findFailures } from '../classify/classify-trace.js';
import {
  FAILURE_CATEGORIES,
  type FailureCategory,
  type Finding,
} from '../classify/failure-categories.js';
import type { Span } from '../model/span.js';
import { attributeSegments } from './attribute-segments.js';
import type { Observation } from './observation.js';

/** Findings that mean the output missed its expected format. */
export const FORMAT_FAILURE_CATEGORIES: readonly FailureCategory[] = [
  'malformed_response',
  'invalid_tool_arguments',
];

const ESCALATION_VALUES = new Set(['human', 'escalate', 'escalated', 'escalation', 'true']);
const ESCALATION_NAME = /escalat|human[_ -]?handoff|handoff[_ -]?to[_ -]?human/i;
const QUERY_LIMIT = 300;

/**
 * A request escalated to a person when any span's metadata `route` or `escalation` is
 * human / escalate(d) / escalation / true, or a span's name or a tag says escalation or a
 * hand-off to a human.
 */
export function isEscalation(spans: readonly Span[]): boolean {
  return spans.some((s) => {
    for (const key of ['route', 'escalation']) {
      const value = s.metadata[key]?.toLowerCase();
      if (value !== undefined && ESCALATION_VALUES.has(value)) return true;
    }
    return ESCALATION_NAME.test(s.name) || s.tags.some((t) => ESCALATION_NAME.test(t));
  });
}

function samplingSignature(span: Span | undefined): string | undefined {
  if (!span) return undefined;
  const p = span.parameters;
  const parts = (['temperature', 'topP', 'topK', 'maxTokens', 'seed'] as const)
    .filter((k) => p[k] !== undefined)
    .map((k) => `${k}=${String(p[k])}`);
  return parts.length ? parts.join(',') : undefined;
}

function firstUserText(spans: readonly Span[]): string | undefined {
  for (const s of spans) {
    if (s.retrievalQuery) return s.retrievalQuery;
  }
  for (const s of spans) {
    const user = s.inputMessages.filter((m) => m.role === 'user').at(-1);
    if (user?.content) return user.content;
  }
  return spans[0]?.input;
}

function readScores(spans: readonly Span[]): Record<string, number> {
  const scores: Record<string, number> = {};
  for (const s of spans) {
    for (const [key, value] of Object.entries(s.metadata)) {
      const n = Number(value);
      if (key.startsWith('score.') && value.trim() !== '' && Number.isFinite(n)) {
        scores[key.slice(6)] ??= n;
      }
    }
    if (s.kind === 'evaluator' && s.output !== undefined) {
      const n = Number(s.output);
      if (s.output.trim() !== '' && Number.isFinite(n)) scores[s.name] ??= n;
    }
  }
  return scores;
}

/**
 * Reads one request's Observation from its trace's spans. Findings default to the failure
 * classifier's (`findFailures`); pass them when already computed. Event time is the root
 * span's start; latency the whole trace's extent.
 *
 * @example
 * const obs = extractObservation(trace.spans);
 * obs.error; obs.latencyMs; obs.segments.model;
 */
export function extractObservation(
  spans: readonly Span[],
  findings?: readonly Finding[],
): Observation {
  const first = spans[0];
  if (!first) throw new RangeError('extractObservation needs at least one span');
  const ordered = [...spans].sort((a, b) => a.startMs - b.startMs);
  const root = ordered.find((s) => s.parentSpanId === undefined) ?? (ordered[0] as Span);
  const found = findings ?? findFailures([...spans]);
  const categories = [...new Set(found.map((f) => f.category))];
  const infra = categories.find((c) => FAILURE_CATEGORIES[c].layer === 'infrastructure');
  const error = root.status === 'error' || infra !== undefined;
  const llm = ordered.filter((s) => s.kind === 'llm');
  const toolSpans = ordered.filter((s) => s.kind === 'tool');
  const docs = ordered.filter((s) => s.kind === 'retriever').flatMap((s) => s.documents);
  const scored = docs.map((d) => d.score).filter((x): x is number => Number.isFinite(x));
  const ages = docs
    .map((d) => d.ingestedAtMs)
    .filter((x): x is number => Number.isFinite(x))
    .map((t) => (root.startMs - t) / 3_600_000);
  const sources: Record<string, number> = {};
  for (const d of docs) sources[d.source ?? 'unknown'] = (sources[d.source ?? 'unknown'] ?? 0) + 1;
  const end = Math.max(...spans.map((s) => s.startMs + s.durationMs));
  const metadata: Record<string, string> = {};
  for (const s of ordered) for (const [k, v] of Object.entries(s.metadata)) metadata[k] ??= v;
  const model = llm.find((s) => s.responseModel)?.responseModel;
  const promptVersion =
    ordered.find((s) => s.prompt?.version)?.prompt?.version ?? root.versions.prompt;
  const segments: Record<string, string> = {};
  if (model) segments.model = model;
  if (promptVersion) segments.promptVersion = promptVersion;
  for (const key of ['route', 'intent', 'risk'] as const) {
    if (metadata[key] !== undefined) segments[key] = metadata[key];
  }
  for (const [k, v] of Object.entries(metadata)) segments[`meta.${k}`] = v;
  const attributes = attributeSegments([
    ...ordered.map((s) => s.attributes),
    ...ordered.map((s) => s.resource),
  ]);
  for (const [k, v] of Object.entries(attributes)) segments[k] ??= v;
  const query = firstUserText(ordered)?.slice(0, QUERY_LIMIT);
  const observation: Observation = {
    projectId: root.projectId,
    traceId: root.traceId,
    eventMs: root.startMs,
    segments,
    error,
    refusal: categories.includes('refusal'),
    escalation: isEscalation(ordered),
    formatFailure: categories.some((c) => FORMAT_FAILURE_CATEGORIES.includes(c)),
    findings: categories,
    latencyMs: end - Math.min(...spans.map((s) => s.startMs)),
    inputTokens: llm.reduce((n, s) => n + (s.usage.input ?? 0), 0),
    outputTokens: llm.reduce((n, s) => n + (s.usage.output ?? 0), 0),
    costUsd: spans.reduce((n, s) => n + (s.costUsd ?? 0), 0),
    steps: llm.length + toolSpans.length,
    sources,
    tools: [...new Set(toolSpans.map((s) => s.tool?.name ?? s.name))],
    tags: [...new Set(spans.flatMap((s) => s.tags))],
    scores: readScores(ordered),
    versions: { ...root.versions },
  };
  if (error) observation.errorClass = infra ?? 'other';
  const ttft = llm.find((s) => s.timeToFirstTokenMs !== undefined)?.timeToFirstTokenMs;
  if (ttft !== undefined) observation.ttftMs = ttft;
  if (scored.length) {
    observation.topScore = Math.max(...scored);
    observation.meanRelevance = scored.reduce((a, b) => a + b, 0) / scored.length;
  }
  if (ages.length) observation.docAgeHours = ages.reduce((a, b) => a + b, 0) / ages.length;
  if (model) observation.model = model;
  const sampling = samplingSignature(llm[0]);
  if (sampling) observation.sampling = sampling;
  const sessionId = root.sessionId ?? ordered.find((s) => s.sessionId)?.sessionId;
  if (sessionId) observation.sessionId = sessionId;
  if (query) observation.query = query;
  return observation;
}
