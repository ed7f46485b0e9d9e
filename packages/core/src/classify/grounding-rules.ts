import type { Span } from '../model/span.js';
import { checkGroundedness } from './check-groundedness.js';
import { extractClaims } from './extract-claims.js';
import { makeFinding, type Finding } from './failure-categories.js';
import { detectRefusal } from './refusal-patterns.js';
import type { ClassifierThresholds } from './thresholds.js';
import { hasToolCalls, inputText, outputText } from './span-text.js';

/** The answer of a trace: the last LLM span that produced text rather than tool calls. */
export function finalAnswerSpan(spans: Span[]): Span | undefined {
  let best: Span | undefined;
  for (const s of spans) {
    if (s.kind !== 'llm' || s.status === 'error' || hasToolCalls(s) || outputText(s).trim() === '')
      continue;
    if (!best || s.startMs + s.durationMs >= best.startMs + best.durationMs) best = s;
  }
  return best;
}

/**
 * Citations, numbers or named entities in the final answer that none of the retrieved
 * documents (nor the question, system prompt or tool results the model saw) contain.
 */
export function groundingFindings(spans: Span[], t: ClassifierThresholds): Finding[] {
  const answer = finalAnswerSpan(spans);
  if (!answer) return [];
  const end = answer.startMs + answer.durationMs;
  const retrievers = spans.filter(
    (s) => (s.kind === 'retriever' || s.kind === 'reranker') && s.startMs <= end,
  );
  const documents = retrievers
    .flatMap((s) => s.documents)
    .filter((d) => (d.content ?? '').trim() !== '');
  if (documents.length === 0) return [];
  const text = outputText(answer);
  if (detectRefusal(text)) return [];
  const claims = extractClaims(text);
  // With nothing to check nothing can be missing: skip reading the context unless a
  // threshold of zero would flag the answer anyway.
  const claimCount = claims.citations.length + claims.numbers.length + claims.entities.length;
  if (
    claimCount === 0 &&
    t.ungroundedMinCitations > 0 &&
    t.ungroundedMinNumbers > 0 &&
    t.ungroundedMinEntities > 0
  )
    return [];
  const toolResults = spans
    .filter((s) => s.kind === 'tool')
    .map((s) => s.tool?.result ?? s.output ?? '');
  const root = spans.find((s) => s.parentSpanId === undefined);
  const lastUser = [...answer.inputMessages].reverse().find((m) => m.role === 'user')?.content;
  const query = retrievers.find((s) => s.retrievalQuery)?.retrievalQuery ?? lastUser ?? root?.input;
  const report = checkGroundedness({
    answer: text,
    documents,
    otherContext: [inputText(answer), root?.input ?? '', ...toolResults].join('\n'),
    query,
    claims,
  });
  const ungrounded =
    report.missingCitations.length >= t.ungroundedMinCitations ||
    report.missingNumbers.length >= t.ungroundedMinNumbers ||
    report.missingEntities.length >= t.ungroundedMinEntities;
  if (!ungrounded) return [];
  const missing = [
    ...report.missingCitations.map((c) => `[${c}]`),
    ...report.missingNumbers,
    ...report.missingEntities,
  ];
  return [
    makeFinding(
      'ungrounded_answer',
      [answer.spanId, ...retrievers.map((s) => s.spanId)],
      `answer states ${missing.slice(0, 5).join(', ')} not found in the retrieved context`,
      {
        missingCitations: report.missingCitations,
        missingNumbers: report.missingNumbers,
        missingEntities: report.missingEntities,
        contradictedNumbers: report.contradictedNumbers,
        queryTermCoverage: Math.round(report.queryTermCoverage * 1000) / 1000,
        checkedClaims: report.checkedClaims,
        documentIds: documents.map((d, i) => d.id ?? `#${i + 1}`),
        thresholds: [t.ungroundedMinCitations, t.ungroundedMinNumbers, t.ungroundedMinEntities],
      },
    ),
  ];
}
