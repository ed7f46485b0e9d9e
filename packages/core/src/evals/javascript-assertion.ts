import type { AssertionVerdict } from './assertion-input.js';
import { binaryVerdict } from './assertion-input.js';

/**
 * The function body a `javascript` assertion value stands for, called as
 * `(output, context) => body`: a multi-line value is a body as written; a one-line value is
 * an expression (`output.includes('x')`), or declarations followed by a final expression
 * (`const n = output.length; n > 3`) whose value is returned.
 *
 * @example
 * javascriptFunctionBody("output.length > 3"); // 'return output.length > 3'
 */
export function javascriptFunctionBody(code: string): string {
  const trimmedEnd = code.trimEnd();
  if (trimmedEnd.includes('\n')) return trimmedEnd;
  const trimmed = trimmedEnd.trim().replace(/;+\s*$/, '');
  if (/^(const|let|var)\s/.test(trimmed)) {
    const last = lastStatementSemicolon(trimmed);
    if (last !== -1) {
      const expression = trimmed.slice(last + 1).trim();
      if (expression) return `${trimmed.slice(0, last + 1)} return ${expression}`;
    }
    return trimmed;
  }
  return `return ${trimmed}`;
}

function lastStatementSemicolon(code: string): number {
  let quote: string | undefined;
  let last = -1;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === ';') last = i;
  }
  return last;
}

/**
 * Turns what a `javascript` assertion returned into a verdict: a boolean is the pass; a
 * number is the score (pass when above 0, or at least the threshold); an object with `pass`
 * is a grading result. Anything else is an error naming what came back.
 */
export function javascriptVerdict(
  result: unknown,
  inverse: boolean,
  threshold: number | undefined,
): AssertionVerdict {
  if (typeof result === 'boolean') {
    return binaryVerdict(result !== inverse, `Custom function returned ${String(result)}`);
  }
  if (typeof result === 'number') {
    const raw = threshold === undefined ? result > 0 : result >= threshold;
    const pass = raw !== inverse;
    return {
      pass,
      score: result,
      reason: pass ? 'Assertion passed' : `Custom function returned ${String(raw)}`,
    };
  }
  if (
    result &&
    typeof result === 'object' &&
    typeof (result as { pass?: unknown }).pass === 'boolean'
  ) {
    const r = result as { pass: boolean; score?: unknown; reason?: unknown };
    const pass = r.pass !== inverse;
    const score = typeof r.score === 'number' ? r.score : r.pass ? 1 : 0;
    const reason =
      pass === r.pass
        ? typeof r.reason === 'string'
          ? r.reason
          : ''
        : pass
          ? 'Assertion passed'
          : `Custom function returned ${String(r.pass)}`;
    return { pass, score, reason };
  }
  return binaryVerdict(
    false,
    `Custom function must return a boolean, number, or GradingResult object. Got type ${typeof result}: ${JSON.stringify(result)}`,
  );
}
