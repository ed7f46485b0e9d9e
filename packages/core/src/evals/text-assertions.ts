import type { AssertionInput, AssertionVerdict } from './assertion-input.js';
import { binaryVerdict, notWord } from './assertion-input.js';
import { parseCommaSeparatedValues } from './comma-separated-values.js';
import { jsonEqual } from '../classify/index.js';
import { invalidAssertion } from './eval-error.js';

function scalar(input: AssertionInput): string {
  const { value, baseType } = input;
  const ok =
    (typeof value === 'string' && value !== '') ||
    (typeof value === 'number' && !Number.isNaN(value));
  if (!ok) throw invalidAssertion(baseType, 'needs a string or number value');
  return String(value);
}

function list(input: AssertionInput): string[] {
  const { value, baseType } = input;
  if (!value) throw invalidAssertion(baseType, 'needs a value');
  const items = typeof value === 'string' ? parseCommaSeparatedValues(value) : value;
  if (!Array.isArray(items)) throw invalidAssertion(baseType, 'needs an array value');
  return items.map(String);
}

function fold(text: string, caseless: boolean): string {
  return caseless ? text.toLowerCase() : text;
}

/** `equals`: the output equals the value; an object value is compared with the parsed output. */
export function assertEquals(input: AssertionInput): AssertionVerdict {
  const { value, outputText, inverse } = input;
  let equal: boolean;
  let shown: string;
  if (typeof value === 'object' && value !== null) {
    shown = JSON.stringify(value);
    try {
      equal = jsonEqual(value, JSON.parse(outputText));
    } catch {
      equal = false;
    }
  } else {
    shown = String(value);
    equal = String(value) === outputText;
  }
  const pass = equal !== inverse;
  return binaryVerdict(
    pass,
    `Expected output "${outputText}" to ${notWord(inverse)}equal "${shown}"`,
  );
}

/** `contains` and `icontains`. */
export function assertContains(input: AssertionInput, caseless: boolean): AssertionVerdict {
  const needle = scalar(input);
  const found = fold(input.outputText, caseless).includes(fold(needle, caseless));
  const pass = found !== input.inverse;
  return binaryVerdict(pass, `Expected output to ${notWord(input.inverse)}contain "${needle}"`);
}

/** `contains-any` and `icontains-any`. */
export function assertContainsAny(input: AssertionInput, caseless: boolean): AssertionVerdict {
  const needles = list(input);
  const text = fold(input.outputText, caseless);
  const pass = needles.some((n) => text.includes(fold(n, caseless))) !== input.inverse;
  return binaryVerdict(
    pass,
    `Expected output to ${notWord(input.inverse)}contain one of "${needles.join(', ')}"`,
  );
}

/** `contains-all` and `icontains-all`. */
export function assertContainsAll(input: AssertionInput, caseless: boolean): AssertionVerdict {
  const needles = list(input);
  const text = fold(input.outputText, caseless);
  const missing = needles.filter((n) => !text.includes(fold(n, caseless)));
  const pass = (missing.length === 0) !== input.inverse;
  return binaryVerdict(
    pass,
    `Expected output to ${notWord(input.inverse)}contain all of [${needles.join(', ')}]. Missing: [${missing.join(', ')}]`,
  );
}

/** `starts-with`. */
export function assertStartsWith(input: AssertionInput): AssertionVerdict {
  const { value, baseType } = input;
  if (typeof value !== 'string' || value === '')
    throw invalidAssertion(baseType, 'needs a string value');
  const pass = input.outputText.startsWith(value) !== input.inverse;
  return binaryVerdict(pass, `Expected output to ${notWord(input.inverse)}start with "${value}"`);
}

/** `regex`: JavaScript syntax, no flags; an invalid pattern fails the assertion. */
export function assertRegex(input: AssertionInput): AssertionVerdict {
  const { value, baseType } = input;
  if (typeof value !== 'string' || value === '')
    throw invalidAssertion(baseType, 'needs a string value');
  let pattern: RegExp;
  try {
    pattern = new RegExp(value);
  } catch (error) {
    return binaryVerdict(false, `Invalid regex pattern: ${(error as Error).message}`);
  }
  const pass = pattern.test(input.outputText) !== input.inverse;
  return binaryVerdict(pass, `Expected output to ${notWord(input.inverse)}match regex "${value}"`);
}
