import { describe, expect, it } from 'vitest';
import { diffWords } from './word-diff.js';

const rebuild = (parts: ReturnType<typeof diffWords>, side: 'before' | 'after') =>
  parts
    .filter((p) => p.kind === 'same' || p.kind === (side === 'before' ? 'removed' : 'added'))
    .map((p) => p.text)
    .join('');

describe('diffWords', () => {
  it('marks the changed word and keeps the rest as shared', () => {
    expect(diffWords('refunds take 14 days', 'refunds take 30 days')).toEqual([
      { kind: 'same', text: 'refunds take ' },
      { kind: 'removed', text: '14' },
      { kind: 'added', text: '30' },
      { kind: 'same', text: ' days' },
    ]);
  });

  it('gives each text back from its side of the diff', () => {
    const before = 'The refund policy allows returns within 14 days [refund#0].';
    const after = 'Returns are accepted within 30 days of delivery [refund#0], says the policy.';
    const parts = diffWords(before, after);
    expect(rebuild(parts, 'before')).toBe(before);
    expect(rebuild(parts, 'after')).toBe(after);
  });

  it('handles empty texts', () => {
    expect(diffWords('', '')).toEqual([]);
    expect(diffWords('', 'new answer')).toEqual([{ kind: 'added', text: 'new answer' }]);
    expect(diffWords('old answer', '')).toEqual([{ kind: 'removed', text: 'old answer' }]);
    expect(diffWords('same', 'same')).toEqual([{ kind: 'same', text: 'same' }]);
  });
});
