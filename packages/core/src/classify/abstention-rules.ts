import type { Span } from '../model/span.js';
import { makeFinding, type Finding } from './failure-categories.js';
import { finalAnswerSpan } from './grounding-rules.js';
import { detectAbstention } from './refusal-patterns.js';
import { lowRelevanceFinding, questionCoverage } from './retrieval-rules.js';
import { outputText } from './span-text.js';
import type { ClassifierThresholds } from './thresholds.js';

/**
 * Low relevance the scores did not show: the final answer says its sources do not cover the
 * question ("the provided context does not contain information about ...") although a
 * retrieval returned documents. The model read the documents and judged them irrelevant,
 * which holds on any score scale. Not reported when a ranking stage already scored low.
 *
 * @example
 * abstentionFindings(spans, DEFAULT_THRESHOLDS).map((f) => f.category); // ['low_relevance']
 */
export function abstentionFindings(spans: Span[], t: ClassifierThresholds): Finding[] {
  const answer = finalAnswerSpan(spans);
  if (!answer) return [];
  const phrase = detectAbstention(outputText(answer));
  if (!phrase) return [];
  const end = answer.startMs + answer.durationMs;
  const ranked = spans.filter(
    (s) =>
      (s.kind === 'retriever' || s.kind === 'reranker') &&
      s.status !== 'error' &&
      s.documents.length > 0 &&
      s.startMs <= end,
  );
  if (ranked.length === 0 || ranked.some((s) => lowRelevanceFinding(s, t))) return [];
  const last = ranked.reduce((a, b) => (b.startMs >= a.startMs ? b : a));
  const scores = last.documents
    .map((d) => d.score)
    .filter((s): s is number => typeof s === 'number' && Number.isFinite(s));
  return [
    makeFinding(
      'low_relevance',
      [last.spanId, answer.spanId],
      `${answer.name}: the answer says the ${last.documents.length} retrieved documents do not cover the question`,
      {
        abstention: phrase,
        topScore: scores.length > 0 ? Math.max(...scores) : null,
        ...questionCoverage(last),
      },
    ),
  ];
}
