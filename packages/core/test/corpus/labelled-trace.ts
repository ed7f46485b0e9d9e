import type { Span, RetrievedDocument } from '../../src/model/span.js';
import type { FailureCategory, Layer } from '../../src/classify/failure-categories.js';
import { llmSpan, retrieverSpan, rootSpan, T0 } from './span-factory.js';

/** One hand-labelled trace: its spans, the categories it must produce and the layer to blame. */
export interface LabelledTrace {
  name: string;
  spans: Span[];
  /** Earlier spans of the same session, for cross-trace checks. */
  sessionSpans?: Span[];
  expected: FailureCategory[];
  /** The most likely layer; undefined for a clean trace. */
  layer?: Layer;
}

/** A retrieve-then-answer trace: root, retriever, LLM with the documents in its prompt. */
export function ragTrace(
  name: string,
  question: string,
  docs: RetrievedDocument[],
  answer: string,
  expected: FailureCategory[],
  layer?: Layer,
  llmExtra: Partial<Span> = {},
): LabelledTrace {
  const context = docs.map((d, i) => `[${i + 1}] ${d.content ?? ''}`).join('\n');
  const spans = [
    rootSpan(question, answer),
    retrieverSpan('ret', question, docs, { startMs: T0 + 10 }),
    llmSpan('llm', `Context:\n${context}\n\nQuestion: ${question}`, answer, {
      startMs: T0 + 200,
      durationMs: 1800,
      ...llmExtra,
    }),
  ];
  return { name, spans, expected, layer };
}
