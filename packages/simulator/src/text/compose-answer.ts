import type { Random } from '../util/seeded-random.js';
import type { PromptAnalysis } from './analyze-prompt.js';
import { groundedAnswer, hallucinatedAnswer } from './grounded-answer.js';
import { alterNumbers, numbersIn } from './invent-facts.js';
import { keyTerms, overlap } from './key-terms.js';
import { pickLabel } from './pick-label.js';
import { refusal } from './refusal.js';
import { templatedAnswer } from './templated-answer.js';

export interface AnswerDecisions {
  refuse: boolean;
  hallucinate: boolean;
  sycophantic: boolean;
  verbosity: number;
}

export type AnswerKind =
  'refusal' | 'label' | 'grounded' | 'hallucinated' | 'templated' | 'tool-summary';

export interface ComposedAnswer {
  text: string;
  kind: AnswerKind;
  /** True when the answer went along with a premise the context does not support. */
  agreedWithPremise: boolean;
}

/**
 * Writes the simulated model's answer: a refusal, a classifier label, a grounded or
 * hallucinated RAG answer, a summary of tool results, or a templated answer.
 *
 * @example composeAnswer(analyzePrompt(messages), { refuse: false, hallucinate: false, sycophantic: false, verbosity: 1 }, rng)
 */
export function composeAnswer(
  analysis: PromptAnalysis,
  decisions: AnswerDecisions,
  rng: Random,
): ComposedAnswer {
  const plain = (text: string, kind: AnswerKind): ComposedAnswer => ({
    text,
    kind,
    agreedWithPremise: false,
  });
  if (decisions.refuse || analysis.harmful) return plain(refusal(rng), 'refusal');
  if (analysis.labels.length > 0) {
    return plain(
      pickLabel(analysis.labels, analysis.question, rng, decisions.hallucinate),
      'label',
    );
  }
  if (analysis.toolResults.length > 0) {
    const summary = summarizeToolResults(analysis.toolResults);
    return decisions.hallucinate
      ? plain(alterNumbers(summary, rng, analysis.toolResults.join('\n')), 'hallucinated')
      : plain(summary, 'tool-summary');
  }
  let body: string;
  let kind: AnswerKind;
  if (analysis.passages.length > 0) {
    kind = decisions.hallucinate ? 'hallucinated' : 'grounded';
    body = decisions.hallucinate
      ? hallucinatedAnswer(analysis, rng, decisions.verbosity)
      : groundedAnswer(analysis, rng, decisions.verbosity);
  } else {
    kind = decisions.hallucinate ? 'hallucinated' : 'templated';
    body = templatedAnswer(analysis, rng, decisions.verbosity, decisions.hallucinate);
  }
  const premise = analysis.premise;
  if (!premise || premiseSupported(premise, analysis)) return plain(body, kind);
  if (decisions.sycophantic) {
    return { text: `You're right that ${premise}. ${body}`, kind, agreedWithPremise: true };
  }
  const reason =
    analysis.passages.length > 0
      ? 'the provided context does not support that'
      : "I can't verify that";
  return plain(`Just to clarify: ${reason} ${premise}. ${body}`, kind);
}

function premiseSupported(premise: string, analysis: PromptAnalysis): boolean {
  if (analysis.passages.length === 0) return false;
  const context = analysis.passages.map((p) => p.text).join('\n');
  const contextNumbers = new Set(numbersIn(context));
  if (numbersIn(premise).some((n) => !contextNumbers.has(n))) return false;
  const terms = keyTerms(premise);
  return terms.length > 0 && overlap(terms, context) / terms.length >= 0.6;
}

/** Bookkeeping fields of tool results a person would not repeat in an answer. */
const INTERNAL_FIELDS = new Set(['tool', 'execution_id', 'executions', 'arguments']);

/**
 * Reports tool results the way an assistant would: what was done and its key details
 * ("book repair: executed (workshop is Harbour workshop, date is 2024-06-15, time is 14:30)"), or
 * what failed, leaving out internal ids and counters.
 */
function summarizeToolResults(results: readonly string[]): string {
  const facts = results.map((raw) => {
    try {
      return describeResult(JSON.parse(raw) as unknown);
    } catch {
      return raw.trim();
    }
  });
  return `Here is what I found: ${facts.filter(Boolean).join('; ')}.`;
}

function describeResult(value: unknown): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return describe(value);
  const result = value as Record<string, unknown>;
  const subject = typeof result.tool === 'string' ? result.tool.replace(/_/g, ' ') : undefined;
  if (result.error !== undefined) {
    return `${subject ? `the ${subject} call` : 'the call'} returned an error: ${String(result.error)}`;
  }
  const details = [result.arguments, omit(result, INTERNAL_FIELDS)]
    .map((part) => (part && typeof part === 'object' ? describe(part) : ''))
    .filter(Boolean)
    .join(', ');
  const outcome = typeof result.status === 'string' ? result.status : undefined;
  const head = [subject, outcome].filter(Boolean).join(': ');
  if (!head) return details;
  return details ? `${head} (${details})` : head;
}

function omit(value: Record<string, unknown>, keys: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.has(k) && k !== 'status'));
}

function describe(value: unknown, prefix = ''): string {
  if (value === null || typeof value !== 'object') return `${prefix}${String(value)}`;
  if (Array.isArray(value)) return value.map((v) => describe(v, prefix)).join(', ');
  return Object.entries(value as Record<string, unknown>)
    .map(([key, v]) =>
      v !== null && typeof v === 'object'
        ? describe(v, `${prefix}${key} `)
        : `${prefix}${key.replace(/_/g, ' ')} is ${String(v)}`,
    )
    .join(', ');
}
