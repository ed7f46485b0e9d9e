import type { JudgePrompt } from './judge-prompts.js';

/** What a `javascript` assertion's code sees as its second argument. */
export interface JavascriptContext {
  vars: Readonly<Record<string, unknown>>;
  prompt: string;
}

/**
 * The I/O the graders need, supplied from outside core: judge and embedding calls go
 * through the configured providers, user code runs isolated with a timeout.
 */
export interface EvalServices {
  /** Sends a judge prompt to the grading provider (`grader` overrides the default one). */
  judge?(prompt: JudgePrompt, grader: unknown): Promise<string>;
  /** Embeddings of the texts, or undefined when the provider has none (hashing fallback). */
  embed?(texts: string[], grader: unknown): Promise<number[][] | undefined>;
  /** Runs `body` as `(output, context) => { body }` isolated; resolves to what it returned. */
  runJavascript?(body: string, output: unknown, context: JavascriptContext): Promise<unknown>;
}
