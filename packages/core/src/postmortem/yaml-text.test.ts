import { describe, expect, it } from 'vitest';
import { toYaml } from './yaml-text.js';

describe('toYaml', () => {
  it('writes nested maps and lists with every string quoted', () => {
    expect(
      toYaml({
        a: { b: 'x: y', n: 1, none: null },
        list: [{ at: 't', e: 'yes' }, 'no'],
        empty: [],
      }),
    ).toBe(
      [
        'a:',
        '  b: "x: y"',
        '  n: 1',
        '  none: null',
        'list:',
        '  - at: "t"',
        '    e: "yes"',
        '  - "no"',
        'empty: []',
        '',
      ].join('\n'),
    );
  });
});
