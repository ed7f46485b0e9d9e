import type { ProviderResponse } from './assertion.js';

/** What a single assertion handler sees: its rendered value and the response to grade. */
export interface AssertionInput {
  /** The type without the `not-` prefix. */
  baseType: string;
  inverse: boolean;
  /** The assertion value with templates rendered against the test's vars. */
  value: unknown;
  threshold: number | undefined;
  /** The provider output, as returned (string, or tool calls). */
  output: unknown;
  /** The output as text: strings as they are, anything else as JSON. */
  outputText: string;
  response: ProviderResponse;
  vars: Readonly<Record<string, unknown>>;
  /** The rendered prompt sent to the provider. */
  prompt: string;
  /** Tool definitions the provider was configured with (OpenAI `tools`). */
  tools?: readonly unknown[];
}

/** A handler's outcome before weights and sets are applied. */
export interface AssertionVerdict {
  pass: boolean;
  score: number;
  reason: string;
}

/** A pass/fail verdict scored 1 or 0, explained when it fails. */
export function binaryVerdict(pass: boolean, failReason: string): AssertionVerdict {
  return { pass, score: pass ? 1 : 0, reason: pass ? 'Assertion passed' : failReason };
}

/** `not ` when the assertion is negated, for failure messages. */
export function notWord(inverse: boolean): string {
  return inverse ? 'not ' : '';
}

/** promptfoo's text view of an output: strings as they are, anything else as JSON. */
export function outputAsText(output: unknown): string {
  if (typeof output === 'string') return output;
  return JSON.stringify(output) ?? '';
}
