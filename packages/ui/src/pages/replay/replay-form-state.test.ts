import type { ChatRequest } from '@glassbox/core/replay';
import { describe, expect, it } from 'vitest';
import { initialFormState, overridesOf, parseAssertions } from './replay-form-state.js';

const request: ChatRequest = {
  model: 'gpt-4o-mini',
  temperature: 1.3,
  max_tokens: 200,
  messages: [
    { role: 'system', content: 'Answer from the sources.' },
    { role: 'user', content: 'How long do refunds take?' },
  ],
};

describe('replay form overrides', () => {
  it('asks for nothing when nothing was edited', () => {
    expect(overridesOf(request, initialFormState(request))).toEqual({ overrides: {}, trials: 5 });
  });

  it('sends only what changed, and removes a cleared parameter', () => {
    const form = initialFormState(request);
    form.model = 'gpt-4o';
    form.parameters.temperature = '0.2';
    form.parameters.max_tokens = '';
    form.parameters.top_p = '0.9';
    form.messages[1] = 'How long do refunds take, in days?';
    form.trials = '12';
    expect(overridesOf(request, form)).toEqual({
      trials: 12,
      overrides: {
        model: 'gpt-4o',
        parameters: { temperature: 0.2, max_tokens: null, top_p: 0.9 },
        messages: [{ index: 1, content: 'How long do refunds take, in days?' }],
      },
    });
  });

  it('names the field that is not a number', () => {
    const form = initialFormState(request);
    form.parameters.temperature = 'warm';
    expect(overridesOf(request, form)).toEqual({ problem: "temperature 'warm' is not a number." });
    const trials = { ...initialFormState(request), trials: '0' };
    expect(overridesOf(request, trials)).toMatchObject({
      problem: expect.stringMatching(/Trials/),
    });
    const model = { ...initialFormState(request), model: ' ' };
    expect(overridesOf(request, model)).toMatchObject({ problem: expect.stringMatching(/Model/) });
  });
});

describe('assertions typed one per line', () => {
  it('reads the type and the rest of the line as its value', () => {
    expect(parseAssertions('icontains refund\n\n  regex \\[\\w+#\\d+\\] \nnot-is-json')).toEqual([
      { type: 'icontains', value: 'refund' },
      { type: 'regex', value: '\\[\\w+#\\d+\\]' },
      { type: 'not-is-json' },
    ]);
    expect(parseAssertions('  \n')).toEqual([]);
  });
});
