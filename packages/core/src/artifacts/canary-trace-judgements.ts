import type { Span } from '../model/span.js';
import type { ArtifactKind } from './artifact-kind.js';
import type { CanaryJudgement } from './canary-judgement.js';

/** The gate metric read from a trace's span statuses rather than from an evaluator's score. */
export const CANARY_ERROR_METRIC = 'error';

/** One evaluated trace as the online evaluator saw it: its spans and the scores it gave. */
export interface JudgedTrace {
  traceId: string;
  spans: readonly Span[];
  scores: readonly { name: string; pass: boolean }[];
}

/**
 * The version of artifact `name` one span ran under: for a prompt, the prompt it recorded
 * (`gen_ai.prompt.name` with `glassbox.prompt.version`); for an agent, model or tools artifact,
 * its layer of the version snapshot as the SDK records it on resolution
 * (`glassbox.version.model` = `router@v3`). Undefined when the span did not use it.
 *
 * @example servedVersionOnSpan('model', 'router', span) // '3'
 */
export function servedVersionOnSpan(
  kind: ArtifactKind,
  name: string,
  span: Span,
): string | undefined {
  if (kind === 'prompt') return span.prompt?.name === name ? span.prompt.version : undefined;
  const tag = span.versions[kind];
  const prefix = `${name}@v`;
  return tag?.startsWith(prefix) ? tag.slice(prefix.length) : undefined;
}

/**
 * What one trace says about an artifact's canary: the version it was served (see
 * `servedVersionOnSpan`) and a judgement per gate metric the trace can answer: `error` from
 * its span statuses, any other metric from the evaluator score of that name. Undefined when
 * the trace did not use the artifact, or used two versions of it (no arm to credit).
 *
 * @example
 * canaryJudgementsOfTrace({ kind: 'prompt', name: 'support' }, ['error', 'glassbox:no-refusal'], trace)
 * // { version: 3, judgements: [{ metric: 'error', failed: false, traceId }, ...] }
 */
export function canaryJudgementsOfTrace(
  artifact: { kind: ArtifactKind; name: string },
  metrics: readonly string[],
  trace: JudgedTrace,
): { version: number; judgements: CanaryJudgement[] } | undefined {
  const versions = new Set<string>();
  for (const span of trace.spans) {
    const served = servedVersionOnSpan(artifact.kind, artifact.name, span);
    if (served !== undefined) versions.add(served);
  }
  const [served] = versions;
  const version = Number(served);
  if (versions.size !== 1 || !/^\d+$/.test(served ?? '') || version < 1) return undefined;
  const judgements = metrics.flatMap((metric): CanaryJudgement[] => {
    const score = trace.scores.find((s) => s.name === metric);
    const failed =
      metric === CANARY_ERROR_METRIC
        ? trace.spans.some((s) => s.status === 'error')
        : score && !score.pass;
    return failed === undefined ? [] : [{ metric, failed, traceId: trace.traceId }];
  });
  return { version, judgements };
}
