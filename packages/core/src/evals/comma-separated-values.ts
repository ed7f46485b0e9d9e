import { EVAL_ERROR_CODES, EvalError } from './eval-error.js';

/**
 * Splits a `contains-any`/`-all` string value into fields: commas separate, surrounding
 * whitespace is trimmed, double quotes keep commas inside a field (`""` or `\"` escape a
 * quote). An unterminated quote is an error, so a malformed value never passes silently.
 *
 * @example
 * parseCommaSeparatedValues('a, "b, c", d'); // ['a', 'b, c', 'd']
 */
export function parseCommaSeparatedValues(value: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && (/\s/.test(value[i] as string) || value[i] === ',')) i++;
    if (i >= value.length) break;
    if (value[i] === '"') {
      let field = '';
      let closed = false;
      i++;
      while (i < value.length) {
        const c = value[i] as string;
        const next = value[i + 1];
        if (c === '\\' && (next === '"' || next === '\\')) {
          field += next;
          i += 2;
        } else if (c === '"' && next === '"') {
          field += '"';
          i += 2;
        } else if (c === '"') {
          i++;
          closed = true;
          break;
        } else {
          field += c;
          i++;
        }
      }
      if (!closed) {
        throw new EvalError(
          EVAL_ERROR_CODES.invalidAssertion,
          `unterminated quoted field in value "${value}"`,
        );
      }
      fields.push(field);
      while (i < value.length && /\s/.test(value[i] as string)) i++;
      if (i < value.length && value[i] !== ',') {
        throw new EvalError(
          EVAL_ERROR_CODES.invalidAssertion,
          `expected a comma after a quoted field in value "${value}"`,
        );
      }
    } else {
      const start = i;
      while (i < value.length && value[i] !== ',') i++;
      fields.push(value.slice(start, i).trim());
    }
  }
  return fields;
}
