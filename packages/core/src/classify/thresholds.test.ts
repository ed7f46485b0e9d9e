import { describe, expect, it } from 'vitest';
import { contextWindowFor } from './context-windows.js';
import { DEFAULT_THRESHOLDS, resolveThresholds } from './thresholds.js';

describe('resolveThresholds', () => {
  it('merges over the documented defaults', () => {
    const t = resolveThresholds({ stepLimit: 10, contextWindows: { 'my-model': 4096 } });
    expect(t.stepLimit).toBe(10);
    expect(t.lowRelevanceTopScore).toBe(0.3);
    expect(t.staleDocumentAgeDays).toBe(30);
    expect(t.truncationRatio).toBe(0.6);
    expect(t.contextBudgetShare).toBe(0.9);
    expect(t.loopRepeatCount).toBe(3);
    expect(DEFAULT_THRESHOLDS.stepLimit).toBe(25);
    expect(contextWindowFor('my-model-q4', t.contextWindows)).toBe(4096);
  });

  it('rejects unknown keys, negative numbers and shares above 1 with coded errors', () => {
    expect(() => resolveThresholds({ nope: 1 } as never)).toThrow(/unknown threshold "nope"/);
    expect(() => resolveThresholds({ stepLimit: -1 })).toThrow(/stepLimit/);
    expect(() => resolveThresholds({ truncationRatio: 1.5 })).toThrow(/share/);
    expect(() => resolveThresholds({ contextWindows: { x: 0 } })).toThrow(/contextWindows\["x"\]/);
  });
});

describe('contextWindowFor', () => {
  it('matches the longest prefix after a provider part', () => {
    expect(contextWindowFor('openai/gpt-4o-2024-08-06')).toBe(128_000);
    expect(contextWindowFor('gpt-4-0613')).toBe(8_192);
    expect(contextWindowFor('gpt-4.1-mini')).toBe(1_047_576);
    expect(contextWindowFor('llama3.1:8b')).toBe(131_072);
    expect(contextWindowFor('unknown-model')).toBeUndefined();
  });
});
