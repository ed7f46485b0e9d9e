import { cosineSimilarity, hashingVectorize } from '../stats/index.js';
import type { AssertionInput } from './assertion-input.js';
import type { GradingResult } from './assertion.js';
import { EVAL_ERROR_CODES, EvalError, invalidAssertion } from './eval-error.js';
import type { EvalServices } from './eval-services.js';
import type { JudgePrompt } from './judge-prompts.js';
import {
  answerRelevancePrompt,
  contextFaithfulnessPrompt,
  contextRecallPrompt,
  contextRelevancePrompt,
  factualityPrompt,
  gEvalPrompt,
  rubricPrompt,
} from './judge-prompts.js';
import {
  FACTUALITY_PASSING,
  parseFactualityAnswer,
  parseJudgeAnswer,
} from './parse-judge-answer.js';
import type { RubricDimension } from './rubric-dimensions.js';
import { RUBRIC_DIMENSIONS, dimensionRubric } from './rubric-dimensions.js';

/** A grader that needs a provider call: judges and embeddings. */
export type ModelGradedHandler = (
  input: AssertionInput,
  services: EvalServices,
  grader: unknown,
) => Promise<GradingResult>;

function text(input: AssertionInput, what = 'a string value'): string {
  if (typeof input.value !== 'string' || input.value === '')
    throw invalidAssertion(input.baseType, `needs ${what}`);
  return input.value;
}

function varText(input: AssertionInput, name: string): string {
  const v = input.vars[name];
  if (v === undefined || v === null)
    throw invalidAssertion(input.baseType, `needs a "${name}" variable in the test`);
  return Array.isArray(v)
    ? v.map(String).join('\n')
    : typeof v === 'string'
      ? v
      : JSON.stringify(v);
}

async function ask(
  services: EvalServices,
  prompt: JudgePrompt,
  grader: unknown,
): Promise<{ answer: string; judge: GradingResult['judge'] }> {
  if (!services.judge) {
    throw new EvalError(
      EVAL_ERROR_CODES.missingService,
      `"${prompt.kind}" needs a grading provider, and none is configured`,
    );
  }
  const answer = await services.judge(prompt, grader);
  const shown = prompt.messages.map((m) => `[${m.role}]\n${m.content}`).join('\n\n');
  return { answer, judge: { promptVersion: prompt.version, prompt: shown, answer } };
}

async function scored(
  input: AssertionInput,
  services: EvalServices,
  grader: unknown,
  prompt: JudgePrompt,
  threshold: number | undefined,
): Promise<GradingResult> {
  const { answer, judge } = await ask(services, prompt, grader);
  const verdict = parseJudgeAnswer(answer, threshold);
  const pass = verdict.pass !== input.inverse;
  return {
    pass,
    score: input.inverse ? 1 - verdict.score : verdict.score,
    reason: verdict.reason,
    judge,
  };
}

function rubricHandler(dimension?: RubricDimension): ModelGradedHandler {
  return (input, services, grader) => {
    const rubric = dimension
      ? dimensionRubric(
          dimension,
          typeof input.value === 'string' && input.value ? input.value : undefined,
        )
      : text(input, 'a rubric as its value');
    return scored(input, services, grader, rubricPrompt(input.outputText, rubric), input.threshold);
  };
}

/** Cosine similarity of two texts by provider embeddings, or the labelled hashing fallback. */
async function similarity(
  services: EvalServices,
  grader: unknown,
  a: string,
  b: string,
): Promise<{ value: number; method: string }> {
  const vectors = services.embed ? await services.embed([a, b], grader) : undefined;
  if (vectors && vectors.length === 2) {
    return {
      value: cosineSimilarity(vectors[0] as number[], vectors[1] as number[]),
      method: 'provider embeddings',
    };
  }
  return {
    value: cosineSimilarity(hashingVectorize(a), hashingVectorize(b)),
    method: 'hashing fallback (no provider embeddings)',
  };
}

/** Assertion types that call a judge or an embedding model, by base type. */
export const MODEL_GRADED_ASSERTIONS: Readonly<Record<string, ModelGradedHandler>> = {
  'llm-rubric': rubricHandler(),
  ...Object.fromEntries(
    (Object.keys(RUBRIC_DIMENSIONS) as RubricDimension[]).map((d) => [
      `glassbox:rubric:${d}`,
      rubricHandler(d),
    ]),
  ),
  'g-eval': (input, services, grader) =>
    scored(
      input,
      services,
      grader,
      gEvalPrompt(input.prompt, input.outputText, text(input, 'criteria as its value')),
      input.threshold ?? 0.7,
    ),
  'answer-relevance': (input, services, grader) => {
    const question = typeof input.vars.query === 'string' ? input.vars.query : input.prompt;
    return scored(
      input,
      services,
      grader,
      answerRelevancePrompt(question, input.outputText),
      input.threshold ?? 0,
    );
  },
  'context-faithfulness': (input, services, grader) =>
    scored(
      input,
      services,
      grader,
      contextFaithfulnessPrompt(
        varText(input, 'query'),
        varText(input, 'context'),
        input.outputText,
      ),
      input.threshold ?? 0,
    ),
  'context-recall': (input, services, grader) =>
    scored(
      input,
      services,
      grader,
      contextRecallPrompt(
        varText(input, 'context'),
        text(input, 'the expected answer as its value'),
      ),
      input.threshold ?? 0,
    ),
  'context-relevance': (input, services, grader) =>
    scored(
      input,
      services,
      grader,
      contextRelevancePrompt(varText(input, 'query'), varText(input, 'context')),
      input.threshold ?? 0,
    ),
  factuality: async (input, services, grader) => {
    const prompt = factualityPrompt(
      input.prompt,
      text(input, 'the expected answer as its value'),
      input.outputText,
    );
    const { answer, judge } = await ask(services, prompt, grader);
    const { category, reason } = parseFactualityAnswer(answer);
    const pass = FACTUALITY_PASSING.has(category) !== input.inverse;
    return { pass, score: pass ? 1 : 0, reason: `Category ${category}: ${reason}`, judge };
  },
  similar: async (input, services, grader) => {
    const { value } = input;
    const expected = typeof value === 'string' ? [value] : value;
    if (
      !Array.isArray(expected) ||
      expected.length === 0 ||
      !expected.every((v) => typeof v === 'string')
    ) {
      throw invalidAssertion(input.baseType, 'needs a string or a list of strings');
    }
    const threshold = input.threshold ?? 0.75;
    let best = { value: -1, method: '' };
    for (const candidate of expected as string[]) {
      const s = await similarity(services, grader, candidate, input.outputText);
      if (s.value > best.value) best = s;
    }
    const pass = best.value >= threshold !== input.inverse;
    return {
      pass,
      score: input.inverse ? 1 - best.value : best.value,
      reason: `Similarity ${best.value.toFixed(2)} is ${best.value >= threshold ? 'greater than or equal to' : 'less than'} threshold ${threshold} (${best.method})`,
    };
  },
};
