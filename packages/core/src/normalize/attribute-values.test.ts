import { describe, expect, it } from 'vitest';
import {
  asCount,
  asNumber,
  asString,
  asStringList,
  asStructured,
  firstOf,
  toText,
} from './attribute-values.js';

describe('attribute values', () => {
  it('coerces numbers from numbers, numeric strings and OTLP intValue / doubleValue wrappers', () => {
    expect(asNumber(3)).toBe(3);
    expect(asNumber(' 0.25 ')).toBe(0.25);
    expect(asNumber({ intValue: '42' })).toBe(42);
    expect(asNumber({ doubleValue: 0.5 })).toBe(0.5);
    expect(asNumber('abc')).toBeUndefined();
    expect(asNumber('')).toBeUndefined();
    expect(asNumber(Number.NaN)).toBeUndefined();
    expect(asNumber(true)).toBeUndefined();
  });

  it('counts are non-negative integers', () => {
    expect(asCount('12')).toBe(12);
    expect(asCount(-1)).toBeUndefined();
    expect(asCount(2.6)).toBe(3);
  });

  it('strings ignore empties and objects but render scalars', () => {
    expect(asString('')).toBeUndefined();
    expect(asString(5)).toBe('5');
    expect(asString({ a: 1 })).toBeUndefined();
    expect(asString({ stringValue: 'x' })).toBe('x');
  });

  it('parses JSON strings and passes structured values through alike', () => {
    expect(asStructured('[{"a":1}]')).toEqual([{ a: 1 }]);
    expect(asStructured(' {"a":1}')).toEqual({ a: 1 });
    expect(asStructured([{ a: 1 }])).toEqual([{ a: 1 }]);
    expect(asStructured({ a: 1 })).toEqual({ a: 1 });
    expect(asStructured('{broken')).toBeUndefined();
    expect(asStructured('plain words')).toBeUndefined();
    expect(asStructured('42')).toBeUndefined();
  });

  it('reads string lists from arrays, JSON arrays and single strings', () => {
    expect(asStringList(['a', 1])).toEqual(['a', '1']);
    expect(asStringList('["a","b"]')).toEqual(['a', 'b']);
    expect(asStringList('stop')).toEqual(['stop']);
    expect(asStringList(null)).toBeUndefined();
  });

  it('renders any value as text', () => {
    expect(toText('x')).toBe('x');
    expect(toText({ a: [1] })).toBe('{"a":[1]}');
    expect(toText(null)).toBeUndefined();
  });

  it('firstOf reads keys left to right and skips values the reader rejects', () => {
    const attrs = { a: 'not a number', b: '7', c: 9 };
    expect(firstOf(attrs, ['missing', 'a', 'b', 'c'], asNumber)).toBe(7);
  });
});
