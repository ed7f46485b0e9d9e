import { describe, expect, it } from 'vitest';
import { keysUnder, withAttributePrefixIndex } from './attribute-prefix-index.js';

const attributes = { 'a.b': 1, 'a.c.d': 2, 'a.': 3, ab: 4, 'x.a.b': 5, 'a.c.e': 6 };

describe('keysUnder', () => {
  it('lists the keys continuing past the prefix, in attribute order, with or without an index', () => {
    const scanned = keysUnder(attributes, 'a.');
    const indexed = withAttributePrefixIndex(attributes, () => keysUnder(attributes, 'a.'));
    expect(scanned).toEqual(['a.b', 'a.c.d', 'a.c.e']);
    expect(indexed).toEqual(scanned);
    expect(withAttributePrefixIndex(attributes, () => keysUnder(attributes, 'a.c.'))).toEqual([
      'a.c.d',
      'a.c.e',
    ]);
  });

  it('answers absent prefixes and other objects as a scan would', () => {
    const other = { 'a.z': 1 };
    withAttributePrefixIndex(attributes, () => {
      expect(keysUnder(attributes, 'q.')).toEqual([]);
      expect(keysUnder(other, 'a.')).toEqual(['a.z']);
      expect(keysUnder(attributes, 'a')).toEqual(['a.b', 'a.c.d', 'a.', 'ab', 'a.c.e']);
    });
  });
});
