import { describe, expect, it } from 'vitest';
import { highlightUsedText } from './highlight-used-text.js';

const used = (segments: { text: string; used: boolean }[]) =>
  segments.filter((s) => s.used).map((s) => s.text);

describe('highlightUsedText', () => {
  it('marks runs of words the answer repeats, ignoring case and punctuation', () => {
    const segments = highlightUsedText(
      'The Pro plan costs $49 per month. Refunds take 5 days.',
      'it COSTS $49 per month, billed yearly',
      3,
    );
    expect(used(segments)).toEqual(['costs $49 per month']);
    expect(segments.map((s) => s.text).join('')).toBe(
      'The Pro plan costs $49 per month. Refunds take 5 days.',
    );
  });

  it('marks numbers the answer quotes even outside a run', () => {
    const segments = highlightUsedText('Shipping takes 14 business days.', 'About 14 days.', 4);
    expect(used(segments)).toEqual(['14']);
  });

  it('does not mark single common words or one-digit numbers', () => {
    const segments = highlightUsedText('the cat sat on 3 mats', 'the dog ran 3 miles', 4);
    expect(used(segments)).toEqual([]);
  });

  it('returns the whole text unmarked when there is no answer', () => {
    expect(highlightUsedText('some text', '')).toEqual([{ text: 'some text', used: false }]);
    expect(highlightUsedText('', 'answer')).toEqual([]);
  });
});
