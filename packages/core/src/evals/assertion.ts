/** One assertion as written in a promptfoo config (`type` may carry the `not-` prefix). */
export interface Assertion {
  type: string;
  value?: unknown;
  threshold?: number;
  /** Share of the test's score; 0 makes the assertion informational (it always passes). */
  weight?: number;
  /** Name of the score this assertion feeds (a Nunjucks template over the test's vars). */
  metric?: string;
  /** Grader override for model-graded assertions: a provider id or `{ id, config }`. */
  provider?: unknown;
}

/** A group of assertions scored together; it passes when its members do (or reach `threshold`). */
export interface AssertionSet {
  type: 'assert-set';
  assert: Assertion[];
  threshold?: number;
  weight?: number;
  metric?: string;
}

export type AssertionEntry = Assertion | AssertionSet;

/** A tool call in the OpenAI wire shape. */
export interface ToolCallOutput {
  id?: string;
  type?: string;
  function: { name: string; arguments: string };
}

/** What a provider answered for one test, as the assertions see it. */
export interface ProviderResponse {
  /** The text answer, or the tool calls when the model answered with tools only. */
  output: unknown;
  /** USD, when the provider's price is known. */
  cost?: number;
  latencyMs?: number;
  finishReason?: string;
  tokenUsage?: { prompt?: number; completion?: number; total?: number; cached?: number };
  /** Set when the call failed; the test then errors instead of being graded. */
  error?: string;
  /** True when the answer came from the re-scoring cache rather than a live call. */
  cached?: boolean;
  /** W3C traceparent sent with the request, to find the trace the app emitted. */
  traceparent?: string;
}

/** The outcome of one assertion, a set, or a whole test. */
export interface GradingResult {
  pass: boolean;
  score: number;
  reason: string;
  assertion?: AssertionEntry;
  /** Weighted mean score per metric name. */
  namedScores?: Record<string, number>;
  componentResults?: GradingResult[];
  /** The judge prompt and answer, for model-graded assertions (shown, never hidden). */
  judge?: { promptVersion: string; prompt: string; answer: string };
}

/** Whether `entry` is an `assert-set`. */
export function isAssertionSet(entry: AssertionEntry): entry is AssertionSet {
  return entry.type === 'assert-set';
}
