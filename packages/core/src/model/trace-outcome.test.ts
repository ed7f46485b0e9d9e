import { describe, expect, it } from 'vitest';
import { traceOutcome } from './trace-outcome.js';

describe('traceOutcome', () => {
  it('names an errored span error, even with findings', () => {
    expect(traceOutcome({ status: 'error', categories: ['tool_loop'] })).toBe('error');
    expect(traceOutcome({ status: 'error' })).toBe('error');
  });

  it('calls a trace with findings failed, whatever OTel said', () => {
    expect(traceOutcome({ status: 'unset', categories: ['empty_output'] })).toBe('failed');
    expect(traceOutcome({ status: 'ok', categories: ['empty_output'] })).toBe('failed');
  });

  it('calls the rest ok, unset included', () => {
    expect(traceOutcome({ status: 'unset' })).toBe('ok');
    expect(traceOutcome({ status: 'ok', categories: [] })).toBe('ok');
  });
});
