import { GuardError } from './guard-error.js';

/** A named part of a prompt and its token count. */
export interface PromptPart {
  name: string;
  tokens: number;
  /** Fixed overhead (system prompt, tools, instructions) that every chunk of a map-reduce repeats. */
  fixed?: boolean;
}

export interface ContextBudgetInput {
  model: string;
  /** The model's context window (input + output tokens). */
  contextWindow: number;
  /** Tokens kept free for the answer. */
  outputReserve: number;
  parts: readonly PromptPart[];
}

export interface ContextBudgetReport {
  /** Tokens the variable parts may use: window - fixed overhead - output reserve. */
  budget: number;
  fixedTokens: number;
  variableTokens: number;
  fits: boolean;
  /** `system=1,200 + document=151,000 + reserve 4,096 > 128,000 (gpt-4o)`. */
  explanation: string;
}

/**
 * Measures a prompt against the model's window: the budget for the variable parts is the
 * window minus the fixed overhead minus the output reserve. Never truncates; the caller
 * fails or map-reduces.
 *
 * @example
 * measureContextBudget({ model: 'gpt-4o', contextWindow: 128000, outputReserve: 4096,
 *   parts: [{ name: 'system', tokens: 800, fixed: true }, { name: 'document', tokens: 150000 }] }).fits // false
 */
export function measureContextBudget(input: ContextBudgetInput): ContextBudgetReport {
  for (const part of input.parts) {
    if (!Number.isFinite(part.tokens) || part.tokens < 0)
      throw new RangeError(`prompt part '${part.name}' has an invalid token count ${part.tokens}`);
  }
  if (!(input.contextWindow > 0))
    throw new RangeError(`contextWindow must be positive, got ${input.contextWindow}`);
  if (!(input.outputReserve >= 0))
    throw new RangeError(`outputReserve must not be negative, got ${input.outputReserve}`);
  const fixedTokens = sum(input.parts.filter((p) => p.fixed));
  const variableTokens = sum(input.parts.filter((p) => !p.fixed));
  const budget = input.contextWindow - fixedTokens - input.outputReserve;
  const fits = variableTokens <= budget;
  const listed = input.parts
    .map((p) => `${p.name}=${p.tokens.toLocaleString('en-US')}`)
    .join(' + ');
  const explanation = `${listed} + output reserve ${input.outputReserve.toLocaleString('en-US')} ${fits ? '<=' : '>'} ${input.contextWindow.toLocaleString('en-US')} (${input.model})`;
  return { budget, fixedTokens, variableTokens, fits, explanation };
}

/**
 * Throws `context_budget_exceeded` naming every part's token count when the prompt does
 * not fit; returns the report when it does.
 *
 * @example assertContextBudget({ model, contextWindow, outputReserve: 1024, parts })
 */
export function assertContextBudget(input: ContextBudgetInput): ContextBudgetReport {
  const report = measureContextBudget(input);
  if (!report.fits) {
    throw new GuardError(
      'context_budget_exceeded',
      `Context budget exceeded, nothing was truncated: ${report.explanation}`,
      {
        model: input.model,
        contextWindow: input.contextWindow,
        outputReserve: input.outputReserve,
        ...Object.fromEntries(input.parts.map((p) => [`tokens.${p.name}`, p.tokens])),
      },
    );
  }
  return report;
}

function sum(parts: readonly PromptPart[]): number {
  return parts.reduce((total, p) => total + p.tokens, 0);
}
