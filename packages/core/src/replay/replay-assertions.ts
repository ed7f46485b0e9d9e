import type { Assertion } from '../evals/assertion.js';
import { splitAssertionType } from '../evals/assertion-types.js';
import { DETERMINISTIC_ASSERTIONS } from '../evals/deterministic-assertions.js';
import { gradeAssertion } from '../evals/grade-test.js';
import type { ChatRequest } from './chat-request.js';
import { ReplayError } from './replay-error.js';
import type { TrialOutput } from './replayed-span.js';

/** What a replay may judge answers with beside the classifier: deterministic assertions only. */
export type ReplayAssertion = Pick<Assertion, 'type' | 'value' | 'threshold'>;

/** Assertion types a replay grades: promptfoo's deterministic ones and `glassbox:*` evaluators. */
export const REPLAY_ASSERTION_TYPES: readonly string[] = Object.keys(DETERMINISTIC_ASSERTIONS)
  .filter((t) => !['cost', 'latency'].includes(t))
  .sort();

/**
 * Throws a ReplayError naming the first assertion a replay cannot grade (a model-graded or
 * script type, or an unknown one); each may carry `not-`.
 *
 * @example checkReplayAssertions([{ type: 'icontains', value: 'refund' }, { type: 'is-json' }])
 */
export function checkReplayAssertions(assertions: readonly ReplayAssertion[]): void {
  assertions.forEach((assertion, i) => {
    const { baseType } = splitAssertionType(String(assertion.type ?? ''));
    if (!REPLAY_ASSERTION_TYPES.includes(baseType))
      throw new ReplayError(
        'invalid_evaluator',
        `assertions[${i}]: type "${assertion.type}" cannot judge a replay; use a deterministic type (${REPLAY_ASSERTION_TYPES.join(', ')}), each also with "not-"`,
      );
  });
}

/**
 * Grades one replayed answer with deterministic assertions and returns the reasons of those
 * that failed (empty when all pass). A malformed value (a bad regex) counts as a failure with
 * its reason.
 *
 * @example await failedAssertions([{ type: 'contains', value: '[refund' }], request, output) // []
 */
export async function failedAssertions(
  assertions: readonly ReplayAssertion[],
  request: ChatRequest,
  output: TrialOutput,
): Promise<string[]> {
  const failures: string[] = [];
  const calls = output.toolCalls ?? [];
  const answer =
    calls.length > 0 && !output.content
      ? calls.map((c) => ({ type: 'function', function: { name: c.name, arguments: c.arguments } }))
      : (output.content ?? '');
  const prompt = request.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
  for (const assertion of assertions) {
    try {
      const result = await gradeAssertion(
        assertion,
        { vars: {}, assert: [] },
        {
          output: answer,
          latencyMs: output.latencyMs,
          ...(output.finishReason ? { finishReason: output.finishReason } : {}),
          ...(output.costUsd !== undefined ? { cost: output.costUsd } : {}),
        },
        { prompt, ...(request.tools ? { tools: request.tools } : {}) },
      );
      if (!result.pass) failures.push(`${assertion.type}: ${result.reason}`);
    } catch (error) {
      failures.push(`${assertion.type}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return failures;
}
