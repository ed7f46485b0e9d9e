import { describe, expect, it } from 'vitest';
import {
  attributesView,
  formatBytes,
  INLINE_VALUE_CHARS,
  truncationNotes,
} from './attribute-view.js';

describe('attributesView', () => {
  it('keeps short values inline and previews long ones, remembering where they were', () => {
    const long = 'a'.repeat(INLINE_VALUE_CHARS + 1);
    const { json, large } = attributesView({
      attributes: { 'llm.invocation_parameters': '{"temperature":0.2}', 'input.value': long },
      events: [{ attributes: { content: long } }],
    });
    expect(json).toContain('llm.invocation_parameters');
    expect(json.length).toBeLessThan(6_000);
    expect(json).toContain('open it under Large values below');
    expect(large.map((v) => v.path)).toEqual([
      'attributes["input.value"]',
      'events[0]["attributes"]["content"]',
    ]);
    expect(large[0]?.text).toBe(long);
  });
});

describe('truncationNotes', () => {
  it('reads the sizes the server recorded and ignores anything malformed', () => {
    expect(
      truncationNotes({ 'glassbox.truncated_attributes': { 'attributes.input.value': 41943040 } }),
    ).toEqual([{ where: 'attributes.input.value', originalBytes: 41943040 }]);
    expect(truncationNotes({ 'glassbox.truncated_attributes': 'oops' })).toEqual([]);
    expect(truncationNotes({})).toEqual([]);
  });
});

describe('formatBytes', () => {
  it('names sizes the way people read them', () => {
    expect(formatBytes(41943040)).toBe('40 MB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(900)).toBe('900 bytes');
    expect(formatBytes(3 * 1024 * 1024 + 1)).toBe('3.0 MB');
  });
});
