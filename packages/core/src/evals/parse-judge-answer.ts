import { EVAL_ERROR_CODES, EvalError } from './eval-error.js';
import { extractJsonObjects } from './extract-json-objects.js';

/** A judge's parsed verdict. */
export interface JudgeVerdict {
  pass: boolean;
  score: number;
  reason: string;
}

/**
 * Reads a judge's `{reason, score, pass}` answer, as promptfoo's graders do: the first JSON
 * object in the text; `pass` defaults to true and accepts "true"/"yes"/"pass"; a missing
 * score is the pass as 0/1; with a threshold, pass also needs score >= threshold.
 *
 * @example
 * parseJudgeAnswer('{"reason": "ok", "score": 0.4, "pass": true}', 0.5); // { pass: false, score: 0.4, ... }
 */
export function parseJudgeAnswer(answer: string, threshold?: number): JudgeVerdict {
  const object = extractJsonObjects(answer)[0];
  if (!object) {
    throw new EvalError(
      EVAL_ERROR_CODES.invalidJudgeAnswer,
      `judge answer is not JSON: ${answer.slice(0, 200)}`,
    );
  }
  let pass: unknown = object.pass ?? true;
  if (typeof pass !== 'boolean') pass = /^(true|yes|pass|y)$/i.test(String(pass));
  let score: unknown = object.score;
  if (typeof score !== 'number')
    score =
      Number.isFinite(Number(score)) && score !== null && score !== ''
        ? Number(score)
        : Number(pass);
  let passed = pass as boolean;
  if (threshold !== undefined && Number.isFinite(threshold))
    passed = passed && (score as number) >= threshold;
  const reason =
    typeof object.reason === 'string' && object.reason
      ? object.reason
      : passed
        ? 'Grading passed'
        : `Score ${String(score)} below threshold ${String(threshold)}`;
  return { pass: passed, score: score as number, reason };
}

/** Factuality categories that pass by default (D, a contradiction, fails). */
export const FACTUALITY_PASSING = new Set(['A', 'B', 'C', 'E']);

/** Reads a factuality judge's `{category, reason}` answer. */
export function parseFactualityAnswer(answer: string): { category: string; reason: string } {
  const object = extractJsonObjects(answer)[0];
  const category =
    typeof object?.category === 'string' ? object.category.trim().toUpperCase() : undefined;
  if (!category || !/^[A-E]$/.test(category)) {
    throw new EvalError(
      EVAL_ERROR_CODES.invalidJudgeAnswer,
      `factuality judge answer has no category A-E: ${answer.slice(0, 200)}`,
    );
  }
  return { category, reason: typeof object?.reason === 'string' ? object.reason : '' };
}
