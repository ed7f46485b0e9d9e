import { keyTerms } from '../text/key-terms.js';

/**
 * Deterministic answers to LLM-as-judge prompts, so eval tests can rely on them. A judge
 * request is recognized by the tagged sections judge prompts put their material in
 * (`<Output>`, `<Rubric>`, `<Question>`, `<Context>`, `<Expected>`, `<Expert>`/`<expert_answer>`,
 * `<Submission>`/`<submitted_answer>`, any case). Scores come from content-word overlap
 * (words compared by their first five letters; rubric verbs such as "mentions" ignored):
 * - output + rubric: score = share of the rubric's content words found in the output,
 *   inverted when the rubric is negative ("does not ...", "never ...", "avoids ...");
 *   pass = score >= 0.5; answer `{reason, score, pass}`.
 * - expert + submission (factuality): numbers that differ → D; both cover each other
 *   (>= 80 %) → C; the submission inside the expert answer → A; the reverse → B; little
 *   overlap (< 20 %) → D; otherwise E; answer `{category, reason}`.
 * - question + output (answer relevance), context + output (faithfulness: the share of the
 *   output's words found in the context), context + expected (recall), question + context
 *   (context relevance): the share as score, pass = score >= 0.5.
 * Returns undefined for anything that is not a judge prompt (it must also speak of grading,
 * evaluating, judging, a rubric or factuality).
 *
 * @example
 * judgeAnswer('<Output>\nRefunds take 14 days.\n</Output>\n<Rubric>\nmentions refunds\n</Rubric>');
 * // '{"reason":"1 of 2 rubric terms found in the output","score":0.5,"pass":true}'
 */
export function judgeAnswer(text: string): string | undefined {
  if (!JUDGE_WORDS.test(text)) return undefined;
  const output = section(text, ['output']);
  const rubric = section(text, ['rubric']);
  const question = section(text, ['question']);
  const context = section(text, ['context']);
  const expected = section(text, ['expected']);
  const expert = section(text, ['expert', 'expert_answer']);
  const submission = section(text, ['submission', 'submitted_answer']);
  if (expert !== undefined && submission !== undefined) return factuality(expert, submission);
  if (output !== undefined && rubric !== undefined) return rubricVerdict(output, rubric);
  if (context !== undefined && output !== undefined)
    return scoreJson(coverage(output, context), 'of the output found in the context');
  if (context !== undefined && expected !== undefined)
    return scoreJson(coverage(expected, context), 'of the expected answer found in the context');
  if (question !== undefined && output !== undefined)
    return scoreJson(coverage(question, output), 'of the question addressed by the output');
  if (question !== undefined && context !== undefined)
    return scoreJson(coverage(question, context), 'of the question covered by the context');
  return undefined;
}

/** Judge prompts say what they are; an app prompt with tagged sections does not. */
const JUDGE_WORDS = /\b(?:grad(?:e|ing)|evaluat\w*|judge|rubric|factuality)\b/i;

function section(text: string, names: readonly string[]): string | undefined {
  for (const name of names) {
    // The last occurrence: judge prompts show examples first and the material last.
    const matches = [...text.matchAll(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, 'gi'))];
    const last = matches[matches.length - 1];
    if (last) return (last[1] as string).trim();
  }
  return undefined;
}

const stem = (word: string): string => word.slice(0, 5);

/** Words that say what a rubric checks rather than what the output should hold. */
const RUBRIC_VERBS = new Set(
  'mention mentions mentioned state states says contain contains include includes describe describes output response reply'.split(
    ' ',
  ),
);

function stems(text: string): Set<string> {
  return new Set(
    keyTerms(text)
      .filter((w) => !RUBRIC_VERBS.has(w))
      .map(stem),
  );
}

/** Share of `part`'s content words found in `whole` (1 when `part` has none). */
function coverage(part: string, whole: string): number {
  const wanted = stems(part);
  if (wanted.size === 0) return 1;
  const have = stems(whole);
  return [...wanted].filter((w) => have.has(w)).length / wanted.size;
}

const round = (x: number): number => Math.round(x * 100) / 100;

function scoreJson(score: number, what: string): string {
  const s = round(score);
  return JSON.stringify({ reason: `${Math.round(s * 100)}% ${what}`, score: s, pass: s >= 0.5 });
}

const NEGATIVE =
  /^(?:(?:it |the output |the answer |response )?(?:does not|doesn't|do not|don't|is not|isn't|never|not|no|avoids?|without)\b)/i;

function rubricVerdict(output: string, rubric: string): string {
  const wanted = stems(rubric.replace(NEGATIVE, ''));
  const have = stems(output);
  const found = [...wanted].filter((w) => have.has(w)).length;
  const share = wanted.size === 0 ? 1 : found / wanted.size;
  const negative = NEGATIVE.test(rubric.trim());
  const score = round(negative ? 1 - share : share);
  return JSON.stringify({
    reason: `${found} of ${wanted.size} rubric terms found in the output${negative ? ' (negative rubric)' : ''}`,
    score,
    pass: score >= 0.5,
  });
}

function numbers(text: string): Set<string> {
  return new Set(text.match(/\d+(?:\.\d+)?/g) ?? []);
}

function factuality(expert: string, submission: string): string {
  const e = numbers(expert);
  const s = numbers(submission);
  const conflict = [...s].some((n) => !e.has(n)) && [...e].some((n) => !s.has(n));
  const expertCovered = coverage(expert, submission);
  const submissionCovered = coverage(submission, expert);
  let category: string;
  if (conflict) category = 'D';
  else if (expertCovered >= 0.8 && submissionCovered >= 0.8) category = 'C';
  else if (submissionCovered >= 0.8) category = 'A';
  else if (expertCovered >= 0.8) category = 'B';
  else if (Math.max(expertCovered, submissionCovered) < 0.2) category = 'D';
  else category = 'E';
  return JSON.stringify({
    category,
    reason: `expert answer ${Math.round(expertCovered * 100)}% covered, submission ${Math.round(submissionCovered * 100)}% supported${conflict ? ', numbers differ' : ''}`,
  });
}
