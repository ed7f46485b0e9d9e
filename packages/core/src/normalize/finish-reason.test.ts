import { describe, expect, it } from 'vitest';
import { canonicalFinishReason } from './finish-reason.js';

describe('canonicalFinishReason', () => {
  it.each([
    ['stop', 'stop'],
    ['end_turn', 'stop'],
    ['tool_calls', 'tool_calls'],
    ['tool_call', 'tool_calls'],
    ['tool-calls', 'tool_calls'],
    ['tool_use', 'tool_calls'],
    ['length', 'length'],
    ['max_tokens', 'length'],
    ['MAX_TOKENS', 'length'],
    ['content-filter', 'content_filter'],
    ['SAFETY', 'content_filter'],
    ['error', 'error'],
  ])('maps %s to %s', (raw, expected) => {
    expect(canonicalFinishReason(raw)).toBe(expected);
  });

  it('keeps unknown reasons, lowercased', () => {
    expect(canonicalFinishReason('Other')).toBe('other');
  });
});
