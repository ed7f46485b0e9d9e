import type { Span } from '../model/index.js';
import { modelInputKey } from './replay-recording.js';

/** The tag ingest gives every span of a whole-run replay, so a trace's replays can be listed. */
export const REPLAY_TAG_PREFIX = 'replay-of:';

/**
 * The tag that marks spans replaying `traceId`.
 *
 * @example replayTag('4bf92f3577b34da6a3ce929d0e0e4736'); // 'replay-of:4bf92f35…'
 */
export function replayTag(traceId: string): string {
  return `${REPLAY_TAG_PREFIX}${traceId.toLowerCase()}`;
}

/** One step of a run: a model call or a tool execution, in start order. */
export interface RunStep {
  spanId: string;
  kind: 'llm' | 'tool';
  name: string;
  input: string;
  output: string;
}

/** Where a replayed run first parts from the original. */
export interface Divergence {
  /** Position in both runs' step lists. */
  step: number;
  /** `input`: the step was asked something else; `output`: same question, another answer; `missing`: one run has no such step. */
  kind: 'input' | 'output' | 'missing';
  originalSpanId: string | null;
  replaySpanId: string | null;
}

/**
 * The steps of a run: LLM calls (input: their messages; output: the answer and its tool calls)
 * and tool executions (input: the arguments; output: the result), by start time.
 *
 * @example runSteps(trace.spans).map((s) => s.name)
 */
export function runSteps(spans: readonly Span[]): RunStep[] {
  return [...spans]
    .filter((s) => s.kind === 'llm' || s.kind === 'tool')
    .sort((a, b) => a.startMs - b.startMs || (a.spanId < b.spanId ? -1 : 1))
    .map((s): RunStep => {
      if (s.kind === 'tool')
        return {
          spanId: s.spanId,
          kind: 'tool',
          name: s.tool?.name ?? s.name,
          input: normalize(s.tool?.arguments ?? s.input ?? ''),
          output: normalize(s.tool?.result ?? s.output ?? ''),
        };
      return {
        spanId: s.spanId,
        kind: 'llm',
        name: s.name,
        input:
          s.inputMessages.length > 0 ? modelInputKey(s.inputMessages) : normalize(s.input ?? ''),
        output:
          s.outputMessages.length > 0 ? modelInputKey(s.outputMessages) : normalize(s.output ?? ''),
      };
    });
}

/**
 * The first step whose input or output differs between an original run and its replay, or
 * null when every step matches. Steps are compared in order; a step one run lacks is a
 * divergence of kind `missing`.
 *
 * @example firstDivergence(original.spans, replay.spans)?.step
 */
export function firstDivergence(
  original: readonly Span[],
  replay: readonly Span[],
): Divergence | null {
  const a = runSteps(original);
  const b = runSteps(replay);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (!x || !y || x.kind !== y.kind || x.name !== y.name)
      return {
        step: i,
        kind: !x || !y ? 'missing' : 'input',
        originalSpanId: x?.spanId ?? null,
        replaySpanId: y?.spanId ?? null,
      };
    if (x.input !== y.input || x.output !== y.output)
      return {
        step: i,
        kind: x.input !== y.input ? 'input' : 'output',
        originalSpanId: x.spanId,
        replaySpanId: y.spanId,
      };
  }
  return null;
}

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();
