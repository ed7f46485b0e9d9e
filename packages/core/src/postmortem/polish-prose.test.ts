import { describe, expect, it } from 'vitest';
import { checkRewording, protectedTokens, readRewordings } from './polish-prose.js';

describe('polish checks', () => {
  it('accepts a rewording that keeps every number, quoted value and link', () => {
    expect(
      checkRewording(
        'prompt version "booking-v7" → "booking-v8" at 12:04, 36.0 % of 120 requests',
        'At 12:04 the prompt went from "booking-v7" to "booking-v8"; 36.0 % of 120 requests failed',
      ),
    ).toBeUndefined();
  });

  it('refuses a rounded number, a dropped version or an added figure, naming them', () => {
    expect(checkRewording('12.5 % of 40 requests', 'About 13 % of 40 requests')).toBe(
      'changed numbers, quoted values or links: 12.5 → 13',
    );
    expect(checkRewording('model "gpt-b" first seen', 'a new model was first seen')).toMatch(
      /"gpt-b" → —/,
    );
    expect(checkRewording('error rate up', 'error rate up 3x')).toMatch(/— → 3x/);
    expect(checkRewording('see /traces/abc123', 'see the trace')).toMatch(/\/traces\/abc123/);
    expect(checkRewording('anything', '  ')).toBe('empty rewording');
  });

  it('finds the protected tokens and reads tagged answers back', () => {
    expect(protectedTokens('v2 at 10.5 %, "x y".')).toEqual(['"x y"', '10.5', 'v2']);
    expect([
      ...readRewordings('<Item id="summary">A.</Item>\n<Item id="timeline-0">B</Item>'),
    ]).toEqual([
      ['summary', 'A.'],
      ['timeline-0', 'B'],
    ]);
  });
});
