import type { AssertionInput } from './assertion-input.js';
import { outputAsText } from './assertion-input.js';
import type { Assertion, AssertionEntry, GradingResult, ProviderResponse } from './assertion.js';
import { isAssertionSet } from './assertion.js';
import { SCRIPT_ASSERTIONS, checkAssertionType, splitAssertionType } from './assertion-types.js';
import { DETERMINISTIC_ASSERTIONS } from './deterministic-assertions.js';
import { EVAL_ERROR_CODES, EvalError, invalidAssertion } from './eval-error.js';
import type { EvalServices } from './eval-services.js';
import { javascriptFunctionBody, javascriptVerdict } from './javascript-assertion.js';
import { MODEL_GRADED_ASSERTIONS } from './model-graded-assertions.js';
import { renderTemplate } from './render-template.js';
import { ScoreAccumulator } from './score-accumulator.js';

/** What grading one response needs to know about its test. */
export interface GradableTest {
  vars: Readonly<Record<string, unknown>>;
  assert: readonly AssertionEntry[];
  /** Pass when the weighted score reaches it, instead of requiring every assertion. */
  threshold?: number;
  options?: { provider?: unknown };
}

export interface GradeContext {
  /** The rendered prompt that was sent. */
  prompt: string;
  /** The provider's configured tool definitions. */
  tools?: readonly unknown[];
  services?: EvalServices;
}

/**
 * Grades a response against a test's assertions with promptfoo's semantics: the test passes
 * when no assertion fails, or, with a test `threshold`, when the weighted mean score reaches
 * it; `weight` (default 1) weights the score and 0 makes an assertion informational;
 * `assert-set` groups are scored like a test and enter with their own weight; `metric`
 * names collect weighted mean scores. Values are Nunjucks templates over the vars. An
 * invalid assertion throws (the test is then an error, not a failure).
 *
 * @example
 * await gradeTest({ vars: {}, assert: [{ type: 'icontains', value: 'refund' }] }, { output: 'Refund in 14 days' }, { prompt: 'q' });
 * // { pass: true, score: 1, reason: 'All assertions passed', ... }
 */
export async function gradeTest(
  test: GradableTest,
  response: ProviderResponse,
  context: GradeContext,
): Promise<GradingResult> {
  if (test.assert.length === 0)
    return { pass: true, score: 1, reason: 'No assertions', namedScores: {} };
  const main = new ScoreAccumulator(test.threshold);
  for (const entry of test.assert) {
    if (isAssertionSet(entry)) {
      const set = new ScoreAccumulator(entry.threshold);
      for (const member of entry.assert) {
        set.add(
          await gradeAssertion(member, test, response, context),
          renderMetric(member.metric, test.vars),
          member.weight,
        );
      }
      main.add(
        { ...set.result(), assertion: entry },
        renderMetric(entry.metric, test.vars),
        entry.weight,
      );
    } else {
      main.add(
        await gradeAssertion(entry, test, response, context),
        renderMetric(entry.metric, test.vars),
        entry.weight,
      );
    }
  }
  return main.result();
}

function renderMetric(
  metric: string | undefined,
  vars: Readonly<Record<string, unknown>>,
): string | undefined {
  if (!metric) return metric;
  try {
    return renderTemplate(metric, vars);
  } catch {
    return metric;
  }
}

function renderValue(
  value: unknown,
  vars: Readonly<Record<string, unknown>>,
  type: string,
): unknown {
  const render = (v: unknown): unknown => {
    if (typeof v !== 'string') return v;
    if (v.startsWith('file://'))
      throw invalidAssertion(type, `has an unresolved file reference ${v}`);
    return renderTemplate(v, vars);
  };
  return Array.isArray(value) ? value.map(render) : render(value);
}

/** Grades one assertion (not a set). */
export async function gradeAssertion(
  assertion: Assertion,
  test: GradableTest,
  response: ProviderResponse,
  context: GradeContext,
): Promise<GradingResult> {
  checkAssertionType(assertion.type, 'assert');
  const { baseType, inverse } = splitAssertionType(assertion.type);
  const isScript = SCRIPT_ASSERTIONS.has(baseType);
  const input: AssertionInput = {
    baseType,
    inverse,
    value: isScript ? assertion.value : renderValue(assertion.value, test.vars, assertion.type),
    threshold: assertion.threshold,
    output: response.output,
    outputText: outputAsText(response.output),
    response,
    vars: test.vars,
    prompt: context.prompt,
    tools: context.tools,
  };
  let result: GradingResult;
  const deterministic = DETERMINISTIC_ASSERTIONS[baseType];
  const modelGraded = MODEL_GRADED_ASSERTIONS[baseType];
  if (deterministic) result = deterministic(input);
  else if (modelGraded)
    result = await modelGraded(
      input,
      context.services ?? {},
      assertion.provider ?? test.options?.provider,
    );
  else result = await gradeJavascript(input, context);
  result = { ...result, assertion };
  return assertion.weight === 0 ? { ...result, pass: true } : result;
}

async function gradeJavascript(
  input: AssertionInput,
  context: GradeContext,
): Promise<GradingResult> {
  if (typeof input.value !== 'string' || input.value.trim() === '') {
    throw invalidAssertion('javascript', 'needs code as its value');
  }
  if (!context.services?.runJavascript) {
    throw new EvalError(
      EVAL_ERROR_CODES.missingService,
      'javascript assertions need a sandbox to run in, and none is configured',
    );
  }
  try {
    const returned = await context.services.runJavascript(
      javascriptFunctionBody(input.value),
      input.output,
      {
        vars: input.vars,
        prompt: input.prompt,
      },
    );
    return javascriptVerdict(returned, input.inverse, input.threshold);
  } catch (error) {
    return {
      pass: false,
      score: 0,
      reason: `Custom function threw error: ${(error as Error).message}`,
    };
  }
}
