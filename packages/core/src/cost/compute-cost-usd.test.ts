import { describe, expect, it } from 'vitest';
import { computeCostUsd } from './compute-cost-usd.js';
import { findModelPrice } from './find-model-price.js';
import { MODEL_PRICES } from './model-prices.js';

describe('findModelPrice', () => {
  it.each([
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['gpt-4o-mini', 'gpt-4o-mini'],
    ['gpt-4o-mini-2024-07-18', 'gpt-4o-mini'],
    ['gpt-4o-2024-05-13', 'gpt-4o-2024-05-13'],
    ['gpt-4.1-nano-2025-04-14', 'gpt-4.1-nano'],
    ['gpt-3.5-turbo-0125', 'gpt-3.5-turbo'],
    ['gpt-4-0613', 'gpt-4'],
    ['o3-mini-2025-01-31', 'o3-mini'],
    ['claude-3-5-sonnet-20241022', 'claude-3-5-sonnet'],
    ['claude-3-5-sonnet-latest', 'claude-3-5-sonnet'],
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['claude-sonnet-4-20250514', 'claude-sonnet-4'],
    ['claude-3-5-sonnet-v2@20241022', 'claude-3-5-sonnet'],
    ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'claude-3-5-sonnet'],
    ['us.anthropic.claude-3-7-sonnet-20250219-v1:0', 'claude-3-7-sonnet'],
    ['openai/gpt-4o-mini', 'gpt-4o-mini'],
    ['models/gemini-1.5-pro-002', 'gemini-1.5-pro'],
    ['gemini-2.0-flash-lite-001', 'gemini-2.0-flash-lite'],
    ['mistral-large-latest', 'mistral-large'],
    ['GPT-4o', 'gpt-4o'],
  ])('%s is priced as %s', (model, family) => {
    expect(findModelPrice(model)).toBe(MODEL_PRICES[family]);
  });

  it.each([
    'gpt-4o-audio-preview',
    'gpt-4.5-preview',
    'gpt-4-32k',
    'ft:gpt-4o-mini:org::abc',
    'llama3',
    'gpt-4oo',
    'o1x',
  ])('does not guess a price for %s', (model) => {
    expect(findModelPrice(model)).toBeUndefined();
  });

  it('never confuses a base model with its variants in either direction', () => {
    expect(findModelPrice('gpt-4o-mini')).not.toBe(MODEL_PRICES['gpt-4o']);
    expect(findModelPrice('gpt-4.1')).not.toBe(MODEL_PRICES['gpt-4']);
    expect(findModelPrice('o1-mini')).not.toBe(MODEL_PRICES.o1);
  });
});

describe('computeCostUsd', () => {
  it('prices input and output per million tokens', () => {
    expect(computeCostUsd('gpt-4o', { input: 1_000_000, output: 1_000_000 })).toBe(12.5);
    expect(computeCostUsd('gpt-4o-mini', { input: 1000, output: 500 })).toBeCloseTo(0.00045, 12);
  });

  it('bills cached tokens at the cache rate and not again as input', () => {
    // 600k uncached * 2.5 + 400k cached * 1.25
    expect(computeCostUsd('gpt-4o', { input: 1_000_000, cached: 400_000 })).toBe(2);
  });

  it('bills cached tokens at the input rate when the model has no cache price', () => {
    expect(computeCostUsd('gpt-4-turbo', { input: 1_000_000, cached: 500_000 })).toBe(10);
  });

  it('treats cached counts larger than input as reported apart from input', () => {
    // 100 uncached * 3 + 10_000 cached * 0.3, per 1M
    expect(computeCostUsd('claude-3-7-sonnet', { input: 100, cached: 10_000 })).toBeCloseTo(
      0.0033,
      12,
    );
  });

  it('returns undefined for unknown or missing models and for no usage', () => {
    expect(computeCostUsd('my-local-model', { input: 10, output: 10 })).toBeUndefined();
    expect(computeCostUsd(undefined, { input: 10 })).toBeUndefined();
    expect(computeCostUsd('gpt-4o', {})).toBeUndefined();
  });

  it('prices embeddings on input only', () => {
    expect(computeCostUsd('text-embedding-3-large', { input: 1_000_000 })).toBe(0.13);
  });
});

describe('findModelPrice cache', () => {
  it('answers repeated and unknown model strings the same way every time', () => {
    for (let i = 0; i < 3; i++) {
      expect(findModelPrice('gpt-4o-2024-08-06')).toBe(MODEL_PRICES['gpt-4o']);
      expect(findModelPrice('  GPT-4o-mini ')).toBe(MODEL_PRICES['gpt-4o-mini']);
      expect(findModelPrice('my-finetune')).toBeUndefined();
    }
  });

  it('stays correct past its size limit', () => {
    for (let i = 0; i < 5000; i++) findModelPrice(`unknown-model-${i}`);
    expect(findModelPrice('gpt-4o')).toBe(MODEL_PRICES['gpt-4o']);
    expect(findModelPrice('unknown-model-1')).toBeUndefined();
  });
});
