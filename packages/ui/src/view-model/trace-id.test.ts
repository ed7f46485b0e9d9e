import { describe, expect, it } from 'vitest';
import { traceIdProblem } from './trace-id.js';

describe('traceIdProblem', () => {
  it('accepts 32 hexadecimal digits in either case', () => {
    expect(traceIdProblem('4bf92f3577b34da6a3ce929d0e0e4736')).toBeUndefined();
    expect(traceIdProblem('4BF92F3577B34DA6A3CE929D0E0E4736')).toBeUndefined();
  });

  it('names the character that is not hexadecimal', () => {
    expect(traceIdProblem('not-a-hex-id')).toBe(
      '"not-a-hex-id" is not a trace id: trace ids are 32 hexadecimal digits (0-9, a-f), and it holds "n", which is not a hexadecimal digit.',
    );
  });

  it('names a wrong length and recognizes a span id', () => {
    expect(traceIdProblem('abc123')).toContain('it has 6 digits');
    expect(traceIdProblem('00f067aa0ba902b7')).toContain('looks like a span id');
  });
});
