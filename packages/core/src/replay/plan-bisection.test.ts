import { describe, expect, it } from 'vitest';
import { goodVariant, ragLlm, retriever } from '../../test/corpus/replay-spans.js';
import { differingFactors, swapFactors } from './bisection-factors.js';
import { planBisection } from './plan-bisection.js';
import { readRecordedCall } from './recorded-call.js';
import { ReplayError } from './replay-error.js';

const bad = readRecordedCall(ragLlm, [retriever, ragLlm]);
const goodOf = (changes: Parameters<typeof goodVariant>[0]) => {
  const g = goodVariant(changes);
  return readRecordedCall(g.llm, [g.retriever, g.llm]);
};

describe('bisection factors', () => {
  it('finds only the factors that differ, whatever the user asked', () => {
    const good = goodOf({ temperature: 1.3 });
    expect(differingFactors(bad, good).differences).toEqual([
      expect.objectContaining({ factor: 'sampling' }),
    ]);
  });

  it('pins the snapshot that served the good call when the model alias is the same', () => {
    const badServed = readRecordedCall({ ...ragLlm, responseModel: 'gpt-4o-mini-2024-11-20' }, [
      retriever,
    ]);
    const good = goodOf({});
    const { differences } = differingFactors(badServed, good);
    expect(differences.map((d) => d.factor)).toEqual(['model']);
    expect(swapFactors(badServed, good, ['model']).model).toBe('gpt-4o-mini-2024-07-18');
  });

  it('swaps prompt and context independently inside one system message', () => {
    const good = goodOf({
      system: 'Only answer from the sources below.',
      documents: [{ id: 'refund#9', content: 'Refunds are paid within 30 days since July.' }],
    });
    expect(differingFactors(bad, good).differences.map((d) => d.factor)).toEqual([
      'prompt',
      'context',
    ]);
    const prompt = swapFactors(bad, good, ['prompt']).messages;
    expect(prompt[0]!.content).toMatch(/^Only answer from the sources below\.[\s\S]*\[refund#0\]/);
    const context = swapFactors(bad, good, ['context']).messages;
    expect(context[0]!.content).toMatch(/^Answer only from the sources\.[\s\S]*\[refund#9\]/);
    expect(context[0]!.content).not.toContain('refund#0');
    expect(context[1]!.content).toBe('Question: how long do refunds take?');
  });
});

describe('planBisection', () => {
  const good = goodOf({ temperature: 1.3, system: 'v4 prompt.' });

  it('plans the bad arm and one arm per differing factor, with calls and cost', () => {
    const plan = planBisection(bad, good, { trials: 20 });
    expect(plan.arms.map((a) => a.name)).toEqual(['bad', 'sampling', 'prompt']);
    expect(plan.pairArms.map((a) => a.name)).toEqual(['sampling+prompt']);
    expect(plan.plannedCalls).toBe(60);
    expect(plan.estimatedCostUsd).toBeGreaterThan(0);
    expect(plan.arms[1]!.request.temperature).toBe(1.3);
    expect(plan.arms[1]!.request.messages).toEqual(bad.request.messages);
  });

  it('runs only the factors asked for', () => {
    expect(
      planBisection(bad, good, { trials: 5, factors: ['prompt'] }).arms.map((a) => a.name),
    ).toEqual(['bad', 'prompt']);
  });

  it.each([
    [{ trials: 0 }, 'invalid_bisection', /trials must be a whole number/],
    [{ trials: 5, factors: ['colour'] }, 'invalid_bisection', /unknown factor 'colour'/],
    [
      { trials: 5, factors: ['model'] },
      'invalid_bisection',
      /'model' is the same in the bad and the good/,
    ],
    [{ trials: 5, budgetUsd: 1e-9 }, 'budget_too_small', /does not cover one trial/],
    [{ trials: 5, budgetUsd: 0 }, 'budget_too_small', /positive amount/],
  ])('rejects %j', (options, code, message) => {
    let error: unknown;
    try {
      planBisection(bad, good, options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReplayError);
    expect((error as ReplayError).code).toBe(code);
    expect((error as ReplayError).message).toMatch(message);
  });

  it('refuses a good reference that differs in no factor', () => {
    expect(() => planBisection(bad, goodOf({}), { trials: 5 })).toThrow(
      /differ in none of model, sampling, prompt, context, tools, output/,
    );
  });
});
