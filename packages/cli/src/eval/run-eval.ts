import { randomBytes } from 'node:crypto';
import { gradeTest, planEval } from '@glassbox/core/evals';
import type { EvalCell, EvalServices, EvalSuite, ProviderResponse } from '@glassbox/core/evals';
import type { EvalResult } from './eval-result.js';
import type { EvalProvider } from './providers/eval-provider.js';

export interface RunEvalOptions {
  suite: EvalSuite;
  providers: readonly EvalProvider[];
  services: EvalServices;
  /** Calls in flight at once (promptfoo's default is 4). */
  concurrency: number;
  /**
   * Stored responses to grade again instead of calling (re-scoring). Keyed by `cellKey`;
   * such responses are marked `cached`. Repeats are never served from here unless asked.
   */
  storedResponses?: ReadonlyMap<string, ProviderResponse>;
  onProgress?(done: number, total: number): void;
}

/** The identity of a cell across runs of the same config. */
export function cellKey(cell: EvalCell): string {
  return `${cell.testIndex}/${cell.promptIndex}/${cell.providerIndex}/${cell.repeatIndex}/${JSON.stringify(cell.vars)}`;
}

let pool = Buffer.alloc(0);
let offset = 0;

/** A fresh W3C traceparent for one call (random bytes drawn from a pooled buffer: one system call per 170 calls). */
export function newTraceparent(): string {
  if (offset + 24 > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  const id = pool.subarray(offset, (offset += 24)).toString('hex');
  return `00-${id.slice(0, 32)}-${id.slice(32)}-01`;
}

/**
 * Runs every cell of the suite with at most `concurrency` calls in flight, grades each
 * response as it arrives, and returns the results in plan order. Each repeat is its own live
 * call. A failed call or an assertion that cannot be evaluated makes that result an error;
 * the run goes on.
 */
export async function runEval(options: RunEvalOptions): Promise<EvalResult[]> {
  const cells = planEval(options.suite);
  const results = new Array<EvalResult>(cells.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < cells.length) {
      const index = next++;
      const cell = cells[index] as EvalCell;
      results[index] = await runCell(cell, options);
      options.onProgress?.(++done, cells.length);
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency, cells.length));
  await Promise.all(Array.from({ length: lanes }, worker));
  return results;
}

async function runCell(cell: EvalCell, options: RunEvalOptions): Promise<EvalResult> {
  const provider = options.providers[cell.providerIndex] as EvalProvider;
  const stored = options.storedResponses?.get(cellKey(cell));
  const response: ProviderResponse = stored
    ? { ...stored, cached: true }
    : await provider.call(cell.renderedPrompt, { vars: cell.vars, traceparent: newTraceparent() });
  if (response.error !== undefined)
    return { cell, response, status: 'error', error: response.error };
  if (response.output === null || response.output === undefined) {
    return { cell, response, status: 'error', error: 'No output' };
  }
  try {
    const grading = await gradeTest({ ...cell.test, vars: cell.vars }, response, {
      prompt: cell.renderedPrompt,
      ...(provider.tools ? { tools: provider.tools } : {}),
      services: options.services,
    });
    return { cell, response, status: grading.pass ? 'pass' : 'fail', grading };
  } catch (error) {
    return { cell, response, status: 'error', error: (error as Error).message };
  }
}
