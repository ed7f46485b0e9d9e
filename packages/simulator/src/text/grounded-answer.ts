import type { Random } from '../util/seeded-random.js';
import type { Passage, PromptAnalysis } from './analyze-prompt.js';
import { alterNumbers, fakeCitation, inventedClaim } from './invent-facts.js';
import { overlap, sentences } from './key-terms.js';

interface Scored {
  passage: Passage;
  sentence: string;
  score: number;
  order: number;
}

/** The context sentences most relevant to the question, best first. */
export function rankSentences(analysis: PromptAnalysis): Scored[] {
  const scored: Scored[] = [];
  for (const passage of analysis.passages) {
    for (const sentence of sentences(passage.text)) {
      scored.push({
        passage,
        sentence,
        score: overlap(analysis.terms, sentence),
        order: scored.length,
      });
    }
  }
  return scored.sort((a, b) => b.score - a.score || a.order - b.order);
}

function cite(sentence: string, passage: Passage): string {
  const body = sentence.replace(/[.!?]+$/, '');
  return passage.citable ? `${body} [${passage.id}].` : `${body}.`;
}

function subjectOf(analysis: PromptAnalysis): string {
  return analysis.terms.slice(0, 3).join(' ') || 'this';
}

/**
 * An answer composed only of context sentences, each cited; abstains when nothing relevant
 * is in the context. Every number and citation it contains comes from the context.
 */
export function groundedAnswer(analysis: PromptAnalysis, rng: Random, verbosity: number): string {
  const relevant = rankSentences(analysis).filter((s) => s.score > 0);
  if (relevant.length === 0) {
    return `The provided context does not contain information about ${subjectOf(analysis)}, so I can't answer that from the sources given.`;
  }
  const count = Math.max(1, Math.round(2 * verbosity));
  const chosen = relevant.slice(0, count).sort((a, b) => a.order - b.order);
  const intro = rng.pick(['Based on the provided context:', 'According to the sources:', '']);
  return [intro, ...chosen.map((s) => cite(s.sentence, s.passage))].filter(Boolean).join(' ');
}

/**
 * A confident answer that is not supported by the context: a relevant sentence with its
 * numbers changed, plus an invented claim under a citation that does not exist.
 */
export function hallucinatedAnswer(
  analysis: PromptAnalysis,
  rng: Random,
  verbosity: number,
): string {
  const context = analysis.passages.map((p) => `${p.id} ${p.text}`).join('\n');
  const ids = analysis.passages.map((p) => p.id);
  const fake = fakeCitation(rng, ids);
  const parts: string[] = [];
  const best = rankSentences(analysis).find((s) => s.score > 0 && /\d/.test(s.sentence));
  if (best)
    parts.push(`${alterNumbers(best.sentence, rng, context).replace(/[.!?]+$/, '')} [${fake}].`);
  const claims = Math.max(1, Math.round(verbosity * (best ? 1 : 2)));
  for (let i = 0; i < claims; i++) {
    parts.push(`${inventedClaim(rng, subjectOf(analysis), context)} [${fake}].`);
  }
  return parts.join(' ');
}
