import type { EvalSuite, PromptSpec, TestCase } from './eval-suite.js';
import type { ProviderSpec } from './provider-spec.js';
import { renderTemplate } from './render-template.js';

/** One provider call to make: a test's vars × a prompt × a provider × a repeat. */
export interface EvalCell {
  testIndex: number;
  test: TestCase;
  vars: Record<string, unknown>;
  promptIndex: number;
  prompt: PromptSpec;
  providerIndex: number;
  provider: ProviderSpec;
  repeatIndex: number;
  /** The prompt as sent: prefix + template rendered with the vars + suffix. */
  renderedPrompt: string;
}

/** Every combination of the array-valued vars, as promptfoo expands them. */
export function expandVars(vars: Record<string, unknown>): Record<string, unknown>[] {
  let combos: Record<string, unknown>[] = [{}];
  for (const [key, value] of Object.entries(vars)) {
    const choices = Array.isArray(value) && value.length > 0 ? value : [value];
    combos = combos.flatMap((combo) => choices.map((choice) => ({ ...combo, [key]: choice })));
  }
  return combos;
}

/**
 * Vars as promptfoo hands them to prompts and assertions: one trailing newline dropped from
 * strings (YAML block scalars add one), and string values that are templates themselves
 * rendered with the other vars.
 */
export function prepareVars(vars: Record<string, unknown>): Record<string, unknown> {
  const trimmed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(vars))
    trimmed[key] = typeof value === 'string' ? value.replace(/\n$/, '') : value;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(trimmed))
    out[key] =
      typeof value === 'string' && value.includes('{{') ? renderTemplate(value, trimmed) : value;
  return out;
}

/**
 * A prompt template rendered with vars: a template that is JSON (chat messages) has the
 * strings inside it rendered and is written back as indented JSON, as promptfoo does; any
 * other template is rendered as text.
 */
export function renderPrompt(template: string, vars: Readonly<Record<string, unknown>>): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(template);
  } catch {
    return renderTemplate(template, vars);
  }
  return JSON.stringify(renderInValue(parsed, vars), null, 2);
}

function renderInValue(value: unknown, vars: Readonly<Record<string, unknown>>): unknown {
  if (typeof value === 'string') return renderTemplate(value, vars);
  if (Array.isArray(value)) return value.map((v) => renderInValue(v, vars));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderInValue(v, vars)]));
  return value;
}

/**
 * The calls an eval makes, in promptfoo's order (test, repeat, vars combination, provider,
 * prompt). Each repeat is its own cell: repeats are independent calls, never cached.
 *
 * @example
 * planEval(suite).length; // tests × var combinations × providers × prompts × repeats
 */
export function planEval(suite: EvalSuite): EvalCell[] {
  const cells: EvalCell[] = [];
  suite.tests.forEach((test, testIndex) => {
    const repeat = test.options.repeat ?? suite.evaluateOptions.repeat;
    const combos = (test.options.disableVarExpansion ? [test.vars] : expandVars(test.vars)).map(
      prepareVars,
    );
    for (let repeatIndex = 0; repeatIndex < repeat; repeatIndex++) {
      for (const vars of combos) {
        suite.providers.forEach((provider, providerIndex) => {
          suite.prompts.forEach((prompt, promptIndex) => {
            const renderedPrompt = `${test.options.prefix ?? ''}${renderTemplate(prompt.raw, vars)}${test.options.suffix ?? ''}`;
            cells.push({
              testIndex,
              test,
              vars,
              promptIndex,
              prompt,
              providerIndex,
              provider,
              repeatIndex,
              renderedPrompt,
            });
          });
        });
      }
    }
  });
  return cells;
}
