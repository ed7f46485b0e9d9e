import { describe, expect, it } from 'vitest';
import { moveSelection } from './move-selection.js';

describe('moveSelection', () => {
  it('moves by one, by a page and to the ends, clamped', () => {
    expect(moveSelection('ArrowDown', 3, 10)).toBe(4);
    expect(moveSelection('j', 9, 10)).toBe(9);
    expect(moveSelection('k', 0, 10)).toBe(0);
    expect(moveSelection('PageDown', 5, 10, 20)).toBe(9);
    expect(moveSelection('PageUp', 5, 100, 20)).toBe(0);
    expect(moveSelection('Home', 5, 10)).toBe(0);
    expect(moveSelection('End', 5, 10)).toBe(9);
  });

  it('ignores other keys and empty lists', () => {
    expect(moveSelection('x', 1, 10)).toBeUndefined();
    expect(moveSelection('ArrowDown', 0, 0)).toBeUndefined();
  });
});
