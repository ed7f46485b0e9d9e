import type { ContextBudgetReport, PromptPart } from '@glassbox/core/guards';
import { assertContextBudget, measureContextBudget } from '@glassbox/core/guards';
import { describeModel } from '@glassbox/core/providers';
import { loadTokenizer } from './count-tokens.js';
import { recordGuardDecision } from './record-guard-decision.js';

export interface ContextBudgetOptions {
  model: string;
  /** Overrides the window from the model table (required for models it does not know). */
  contextWindow?: number;
  outputReserve: number;
  /** Fixed overhead repeated in every call: system prompt, tool definitions, instructions. */
  fixed: Record<string, string>;
  /** The variable text: the document, the conversation. */
  variable: Record<string, string>;
}

/**
 * Counts every part with the model's pinned encoding and throws `context_budget_exceeded`
 * naming each part's tokens when the prompt does not fit. Never truncates.
 *
 * @example await checkContextBudget({ model: 'gpt-4o', outputReserve: 1024, fixed: { system }, variable: { document } })
 */
export async function checkContextBudget(
  options: ContextBudgetOptions,
): Promise<ContextBudgetReport> {
  const { input, window } = await measure(options);
  try {
    return assertContextBudget({ ...input, contextWindow: window });
  } catch (error) {
    recordGuardDecision({ guard: 'context', decision: 'reject', reason: (error as Error).message });
    throw error;
  }
}

export interface MapReduceOptions<T> extends ContextBudgetOptions {
  /** Called once per chunk of the variable text, each of which fits the budget. */
  map: (chunk: string, index: number, count: number) => Promise<T>;
  /** Combines the chunk answers. */
  reduce: (mapped: T[]) => Promise<T>;
}

/**
 * The long-document helper: when the prompt fits it calls `map` once on the whole text and
 * returns that; otherwise it cuts the variable text into chunks that each fit (on token
 * boundaries, nothing dropped), maps every chunk and reduces the answers.
 *
 * @example await mapReduceDocument({ model, outputReserve: 1024, fixed: { system }, variable: { document }, map, reduce })
 */
export async function mapReduceDocument<T>(
  options: MapReduceOptions<T>,
): Promise<{ result: T; chunks: number }> {
  const { input, window, tokenizer } = await measure(options);
  const report = measureContextBudget({ ...input, contextWindow: window });
  const text = Object.values(options.variable).join('\n\n');
  if (report.fits) return { result: await options.map(text, 0, 1), chunks: 1 };
  if (report.budget <= 0) {
    throw new RangeError(`the fixed parts alone exceed the window: ${report.explanation}`);
  }
  const tokens = tokenizer.encode(text);
  // Each chunk is one message (its framing counted) and re-encoding a slice can differ by a
  // token at each edge.
  const size = report.budget - MESSAGE_FRAMING - 2;
  const chunks: string[] = [];
  for (let i = 0; i < tokens.length; i += size)
    chunks.push(tokenizer.decode(tokens.slice(i, i + size)));
  recordGuardDecision({
    guard: 'context',
    decision: 'map_reduce',
    reason: `${report.explanation}: split into ${chunks.length} chunks of at most ${size} tokens`,
    details: { chunks: chunks.length },
  });
  const mapped: T[] = [];
  for (const [i, chunk] of chunks.entries())
    mapped.push(await options.map(chunk, i, chunks.length));
  return { result: await options.reduce(mapped), chunks: chunks.length };
}

/** Tokens OpenAI's chat format adds around each message (role and separators). */
const MESSAGE_FRAMING = 3;

async function measure(options: ContextBudgetOptions) {
  const description = describeModel(options.model);
  const window = options.contextWindow ?? description.contextWindow;
  if (window === undefined) {
    throw new RangeError(`the context window of '${options.model}' is unknown: pass contextWindow`);
  }
  const tokenizer = await loadTokenizer(description.encoding);
  const parts: PromptPart[] = [
    ...Object.entries(options.fixed).map(([name, text]) => ({
      name,
      tokens: tokenizer.countTokens(text) + MESSAGE_FRAMING,
      fixed: true,
    })),
    ...Object.entries(options.variable).map(([name, text]) => ({
      name,
      tokens: tokenizer.countTokens(text) + MESSAGE_FRAMING,
    })),
  ];
  return {
    input: { model: options.model, outputReserve: options.outputReserve, parts },
    window,
    tokenizer,
  };
}
