import type { Attributes, Span } from '@opentelemetry/api';
import { activeSdk } from '../runtime/active-sdk.js';
import { runInSpan } from './run-in-span.js';

export interface TraceOptions {
  /** What the step received, recorded as `input.value` (through redaction). */
  input?: string;
  /** OpenInference span kind; CHAIN by default. */
  kind?:
    | 'CHAIN'
    | 'AGENT'
    | 'TOOL'
    | 'RETRIEVER'
    | 'RERANKER'
    | 'LLM'
    | 'EMBEDDING'
    | 'GUARDRAIL'
    | 'EVALUATOR';
  attributes?: Attributes;
}

/**
 * Traces any unit of work, sync or async. The span is the parent of every span started inside
 * `fn` (across awaits). Errors are recorded and rethrown unchanged; a string result is recorded
 * as `output.value`.
 *
 * @example
 * const answer = await trace('answer-question', async (span) => {
 *   span.setAttribute('route', 'faq');
 *   return rag(question);
 * });
 */
export function trace<T>(name: string, fn: (span: Span) => T, options: TraceOptions = {}): T {
  const { policy } = activeSdk();
  return runInSpan(
    {
      name,
      attributes: () => {
        const a: Attributes = {
          'openinference.span.kind': options.kind ?? 'CHAIN',
          ...options.attributes,
        };
        if (options.input !== undefined) a['input.value'] = policy(options.input, 'input');
        return a;
      },
      onResult: (result): Attributes =>
        typeof result === 'string' ? { 'output.value': policy(result, 'output') } : {},
    },
    fn,
  );
}
