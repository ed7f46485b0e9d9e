import type { AssertionInput, AssertionVerdict } from './assertion-input.js';
import { FAILURE_CATEGORY_EVALUATORS } from './failure-category-assertions.js';
import { assertContainsJson, assertIsJson } from './json-assertions.js';
import { assertBleu, assertLevenshtein, assertRougeN } from './overlap-assertions.js';
import { assertCost, assertFinishReason, assertLatency } from './response-assertions.js';
import {
  assertContains,
  assertContainsAll,
  assertContainsAny,
  assertEquals,
  assertRegex,
  assertStartsWith,
} from './text-assertions.js';
import { assertToolCallF1, assertValidOpenAiToolsCall } from './tool-call-assertions.js';

export type DeterministicHandler = (input: AssertionInput) => AssertionVerdict;

/**
 * Assertion types graded from the response alone, by base type (the `not-` prefix is
 * applied by each handler through `inverse`).
 */
export const DETERMINISTIC_ASSERTIONS: Readonly<Record<string, DeterministicHandler>> = {
  equals: assertEquals,
  contains: (input) => assertContains(input, false),
  icontains: (input) => assertContains(input, true),
  'contains-any': (input) => assertContainsAny(input, false),
  'icontains-any': (input) => assertContainsAny(input, true),
  'contains-all': (input) => assertContainsAll(input, false),
  'icontains-all': (input) => assertContainsAll(input, true),
  'starts-with': assertStartsWith,
  regex: assertRegex,
  'is-json': assertIsJson,
  'contains-json': assertContainsJson,
  levenshtein: assertLevenshtein,
  'rouge-n': assertRougeN,
  bleu: assertBleu,
  cost: assertCost,
  latency: assertLatency,
  'finish-reason': assertFinishReason,
  'is-valid-openai-tools-call': assertValidOpenAiToolsCall,
  'tool-call-f1': assertToolCallF1,
  ...Object.fromEntries(FAILURE_CATEGORY_EVALUATORS.map((e) => [e.type, e.grade])),
};
