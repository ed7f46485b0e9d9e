import { describe, expect, it } from 'vitest';
import { callCostUsd } from './call-cost.js';

describe('callCostUsd', () => {
  it('prices known models and leaves unknown ones without a cost', () => {
    expect(callCostUsd('gpt-4o-mini', { input: 1000, output: 500 })).toBeCloseTo(0.00045, 8);
    expect(callCostUsd('my-private-model', { input: 1000, output: 500 })).toBeUndefined();
    expect(callCostUsd('gpt-4o-mini', {})).toBeUndefined();
    expect(callCostUsd(undefined, { input: 1 })).toBeUndefined();
    expect(callCostUsd('gpt-4o-mini', undefined)).toBeUndefined();
  });
});
