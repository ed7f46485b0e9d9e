import type { AssertionInput, AssertionVerdict } from './assertion-input.js';
import { binaryVerdict } from './assertion-input.js';
import { bleu } from './bleu.js';
import { invalidAssertion } from './eval-error.js';
import { levenshteinDistance } from './levenshtein-distance.js';
import { rougeN } from './rouge-n.js';

function text(input: AssertionInput): string {
  if (typeof input.value !== 'string')
    throw invalidAssertion(input.baseType, 'needs a string value');
  return input.value;
}

/** `levenshtein`: edit distance to the value at most `threshold` (default 5). */
export function assertLevenshtein(input: AssertionInput): AssertionVerdict {
  const distance = levenshteinDistance(input.outputText, text(input));
  const threshold = input.threshold ?? 5;
  const pass = distance <= threshold !== input.inverse;
  return binaryVerdict(
    pass,
    `Levenshtein distance ${distance} is ${input.inverse ? 'less than or equal to' : 'greater than'} threshold ${threshold}`,
  );
}

/** `rouge-n`: ROUGE-1 F1 of the lower-cased output against the value, at least `threshold` (0.75). */
export function assertRougeN(input: AssertionInput): AssertionVerdict {
  const score = rougeN(input.outputText.toLowerCase(), text(input).toLowerCase(), 1);
  const threshold = input.threshold ?? 0.75;
  return {
    pass: score >= threshold !== input.inverse,
    score: input.inverse ? 1 - score : score,
    reason: `ROUGE-N score ${score.toFixed(2)} is ${score >= threshold ? 'greater than or equal to' : 'less than'} threshold ${threshold}`,
  };
}

/** `bleu`: BLEU against the value (a string or a list of references), at least `threshold` (0.5). */
export function assertBleu(input: AssertionInput): AssertionVerdict {
  const { value, baseType } = input;
  const references = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(references) || !references.every((r) => typeof r === 'string')) {
    throw invalidAssertion(baseType, 'needs a string or a list of strings');
  }
  const threshold = input.threshold ?? 0.5;
  const score = bleu(input.outputText, references as string[]);
  const pass = score >= threshold !== input.inverse;
  return {
    pass,
    score: input.inverse ? 1 - score : score,
    reason: pass
      ? 'Assertion passed'
      : `BLEU score ${score.toFixed(4)} is ${input.inverse ? 'greater' : 'less'} than threshold ${threshold}`,
  };
}
