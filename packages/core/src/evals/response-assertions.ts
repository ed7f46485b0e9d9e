import type { AssertionInput, AssertionVerdict } from './assertion-input.js';
import { binaryVerdict, notWord } from './assertion-input.js';
import { invalidAssertion } from './eval-error.js';

function requireThreshold(input: AssertionInput, unit: string): number {
  if (input.threshold === undefined)
    throw invalidAssertion(input.baseType, `needs a threshold${unit}`);
  return input.threshold;
}

/** `cost`: the call cost at most `threshold` USD. Fails loudly when the price is unknown. */
export function assertCost(input: AssertionInput): AssertionVerdict {
  const threshold = requireThreshold(input, ' in USD');
  const cost = input.response.cost;
  if (cost === undefined) {
    throw invalidAssertion(
      input.baseType,
      'needs a provider that reports cost (no price is known for this model)',
    );
  }
  const pass = cost <= threshold !== input.inverse;
  return binaryVerdict(
    pass,
    `Cost ${cost.toPrecision(2)} is ${input.inverse ? 'less than or equal to' : 'greater than'} threshold ${threshold}`,
  );
}

/** `latency`: the call took at most `threshold` milliseconds. Cached answers have no latency. */
export function assertLatency(input: AssertionInput): AssertionVerdict {
  const threshold = requireThreshold(input, ' in milliseconds');
  const latency = input.response.cached ? undefined : input.response.latencyMs;
  if (latency === undefined) {
    throw invalidAssertion(
      input.baseType,
      'cannot grade a cached response: re-run without the response cache',
    );
  }
  const pass = latency <= threshold !== input.inverse;
  return binaryVerdict(
    pass,
    `Latency ${latency}ms is ${input.inverse ? 'less than or equal to' : 'greater than'} threshold ${threshold}ms`,
  );
}

/** `finish-reason`: the provider's finish reason equals the value, case-insensitively. */
export function assertFinishReason(input: AssertionInput): AssertionVerdict {
  if (typeof input.value !== 'string')
    throw invalidAssertion(input.baseType, 'needs a string value');
  const actual = input.response.finishReason;
  if (!actual) return binaryVerdict(input.inverse, 'Provider did not supply stop/finish reason');
  const pass = (input.value.toLowerCase() === actual.toLowerCase()) !== input.inverse;
  return binaryVerdict(
    pass,
    `Expected finish reason ${notWord(input.inverse)}"${input.value}" but got "${actual}"`,
  );
}
