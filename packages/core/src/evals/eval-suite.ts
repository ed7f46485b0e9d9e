import type { AssertionEntry } from './assertion.js';
import type { ProviderSpec } from './provider-spec.js';

/** A prompt template: its text (a string, or chat messages as JSON) and a label. */
export interface PromptSpec {
  raw: string;
  label: string;
}

export interface TestOptions {
  /** Grader for the test's model-graded assertions. */
  provider?: unknown;
  prefix?: string;
  suffix?: string;
  repeat?: number;
  disableDefaultAsserts?: boolean;
  disableVarExpansion?: boolean;
}

/** A test case after `defaultTest` and scenarios are merged in. */
export interface TestCase {
  description?: string;
  vars: Record<string, unknown>;
  assert: AssertionEntry[];
  options: TestOptions;
  metadata: Record<string, unknown>;
  threshold?: number;
  /** Where it was written: `config tests[3]`, `tests.csv line 12`. */
  source: string;
}

/** A validated promptfoo configuration, every file reference resolved. */
export interface EvalSuite {
  description?: string;
  providers: ProviderSpec[];
  prompts: PromptSpec[];
  tests: TestCase[];
  evaluateOptions: { maxConcurrency: number; repeat: number };
  outputPath: string[];
}

/** Reads the files a config refers to; paths are as written, relative to the config. */
export interface ConfigSources {
  readText(path: string): string;
  parseYaml(text: string, path: string): unknown;
}
