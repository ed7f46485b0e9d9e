import { EVAL_ERROR_CODES, EvalError } from './eval-error.js';

type Filter = (value: unknown) => unknown;

const FILTERS: Record<string, Filter> = {
  dump: (value) => JSON.stringify(value),
  safe: (value) => value,
  trim: (value) => toText(value).trim(),
  upper: (value) => toText(value).toUpperCase(),
  lower: (value) => toText(value).toLowerCase(),
  length: (value) =>
    typeof value === 'string' || Array.isArray(value)
      ? value.length
      : value && typeof value === 'object'
        ? Object.keys(value).length
        : 0,
};

const EXPRESSION = /\{\{([\s\S]*?)\}\}/g;
const PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[\d+\])*$/;

/**
 * Renders the subset of Nunjucks that prompt and assertion templates use: `{{ path }}` with
 * dotted and indexed paths (`a.b`, `docs[0]`) and the filters dump, safe, trim, upper, lower
 * and length. Missing values and null render as the empty string, as in Nunjucks; arrays
 * join with commas. Tags (`{% %}`) and comments (`{# #}`) are not supported and fail with an
 * error naming them rather than rendering something different from promptfoo.
 *
 * @example
 * renderTemplate('Answer: {{ question | trim }}', { question: ' why? ' }); // 'Answer: why?'
 */
export function renderTemplate(template: string, vars: Readonly<Record<string, unknown>>): string {
  const tag = /\{%|\{#/.exec(template);
  if (tag) {
    throw new EvalError(
      EVAL_ERROR_CODES.template,
      `template tag "${tag[0]}" is not supported (only {{ variable }} with filters ${Object.keys(FILTERS).join(', ')}) in: ${clip(template)}`,
    );
  }
  if (!template.includes('{{')) return template;
  return template.replace(EXPRESSION, (_, body: string) => toText(evaluate(body, vars, template)));
}

function evaluate(
  body: string,
  vars: Readonly<Record<string, unknown>>,
  template: string,
): unknown {
  const [head = '', ...filters] = body.split('|').map((part) => part.trim());
  if (!PATH.test(head)) {
    throw new EvalError(
      EVAL_ERROR_CODES.template,
      `template expression "{{${body}}}" is not a variable path in: ${clip(template)}`,
    );
  }
  let value = lookup(head, vars);
  for (const name of filters) {
    const filter = FILTERS[name];
    if (!filter) {
      throw new EvalError(
        EVAL_ERROR_CODES.template,
        `template filter "${name}" is not supported (known: ${Object.keys(FILTERS).join(', ')})`,
      );
    }
    value = filter(value);
  }
  return value;
}

function lookup(path: string, vars: Readonly<Record<string, unknown>>): unknown {
  let value: unknown = vars;
  for (const key of path.match(/[^.[\]]+/g) ?? []) {
    if (value === null || value === undefined) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** How Nunjucks prints a value: nothing for null and undefined, String() otherwise. */
export function toText(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
