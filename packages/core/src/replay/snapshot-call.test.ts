import { describe, expect, it } from 'vitest';
import { planBisection } from './plan-bisection.js';
import type { RecordedCall } from './recorded-call.js';
import { ReplayError } from './replay-error.js';
import { snapshotCall } from './snapshot-call.js';

const bad: RecordedCall = {
  traceId: 'a'.repeat(32),
  spanId: 'b'.repeat(16),
  request: {
    model: 'gpt-4o-mini',
    temperature: 1.3,
    max_tokens: 300,
    messages: [
      { role: 'system', content: 'Answer from the sources.' },
      { role: 'user', content: 'How long do refunds take?' },
    ],
  },
  context: null,
  documents: [],
  responseModel: 'gpt-4o-mini-2024-09-01',
};

describe('a version snapshot as the good reference', () => {
  it('sets the pinned model and sampling, keeps the rest, and says what it could not use', () => {
    const { call, applied, ignored } = snapshotCall(bad, {
      model: 'gpt-4o-mini-2024-07-18',
      'param.temperature': '0.2',
      prompt: 'support-v3',
    });
    expect(call.request).toEqual({
      ...bad.request,
      model: 'gpt-4o-mini-2024-07-18',
      temperature: 0.2,
    });
    expect(bad.request.temperature).toBe(1.3);
    expect(applied).toEqual(['model', 'param.temperature']);
    expect(ignored).toEqual([
      {
        key: 'prompt',
        reason: "names version 'support-v3' of prompt; its content is not in the snapshot",
      },
    ]);
  });

  it('gives a bisection arms for exactly the factors the snapshot changes', () => {
    const good = snapshotCall(bad, { 'param.temperature': '0.2' }).call;
    const plan = planBisection(bad, good, { trials: 10 });
    expect(plan.arms.map((a) => a.name)).toEqual(['bad', 'sampling']);
  });

  it('refuses a snapshot with nothing to set, or a parameter that is not a number', () => {
    expect(() => snapshotCall(bad, { prompt: 'v3' })).toThrow(ReplayError);
    expect(() => snapshotCall(bad, { prompt: 'v3' })).toThrow(/pins nothing a replay can set/);
    expect(() => snapshotCall(bad, { 'param.temperature': 'warm' })).toThrow(/not a number/);
  });
});
