import { ClassifierError, validateJsonSchema } from '../classify/index.js';
import type { AssertionInput, AssertionVerdict } from './assertion-input.js';
import { binaryVerdict } from './assertion-input.js';
import { invalidAssertion } from './eval-error.js';
import { extractJsonObjects } from './extract-json-objects.js';

type Validator = (value: unknown) => string | undefined;

/** The schema check of an `is-json`/`contains-json` value, or undefined without a value. */
function schemaValidator(input: AssertionInput): Validator | undefined {
  const { value, baseType } = input;
  if (value === undefined || value === null || value === '') return undefined;
  let schema: unknown = value;
  if (typeof value === 'string') {
    try {
      schema = JSON.parse(value);
    } catch {
      throw invalidAssertion(
        baseType,
        'has a string schema that is not JSON (write the schema as a mapping)',
      );
    }
  }
  if (typeof schema !== 'object' || schema === null) {
    throw invalidAssertion(baseType, 'needs a JSON schema object as its value');
  }
  try {
    validateJsonSchema({}, schema, { strict: true });
  } catch (error) {
    if (error instanceof ClassifierError)
      throw invalidAssertion(baseType, `schema: ${error.message}`);
    throw error;
  }
  return (candidate) => {
    const violations = validateJsonSchema(candidate, schema, { strict: true });
    return violations.length === 0
      ? undefined
      : violations.map((v) => `${v.path} ${v.message}`).join(', ');
  };
}

/** `is-json`: the whole output parses as JSON (and matches the schema, when given). */
export function assertIsJson(input: AssertionInput): AssertionVerdict {
  const { outputText, inverse } = input;
  let parsed: unknown;
  let isJson = true;
  try {
    parsed = JSON.parse(outputText);
  } catch {
    isJson = false;
  }
  const validate = schemaValidator(input);
  if (isJson && validate) {
    const errors = validate(parsed);
    const pass = (errors === undefined) !== inverse;
    if (!pass) {
      return binaryVerdict(
        false,
        inverse
          ? 'Output is JSON that conforms to the provided schema'
          : `JSON does not conform to the provided schema. Errors: ${errors ?? ''}`,
      );
    }
    return binaryVerdict(true, '');
  }
  return binaryVerdict(isJson !== inverse, 'Expected output to be valid JSON');
}

/** `contains-json`: some JSON object inside the output (matching the schema, when given). */
export function assertContainsJson(input: AssertionInput): AssertionVerdict {
  const { outputText, inverse } = input;
  const objects = extractJsonObjects(outputText);
  const validate = schemaValidator(input);
  let pass = inverse ? objects.length === 0 : objects.length > 0;
  let reason = 'Expected output to contain valid JSON';
  if (validate) {
    for (const object of objects) {
      const errors = validate(object);
      pass = (errors === undefined) !== inverse;
      if (errors === undefined) {
        if (inverse) reason = 'Output contains JSON conforming to the provided schema';
        break;
      }
      reason = `JSON does not conform to the provided schema. Errors: ${errors}`;
    }
  }
  return binaryVerdict(pass, reason);
}
