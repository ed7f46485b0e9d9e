import { describe, expect, it } from 'vitest';
import { GuardError } from './guard-error.js';
import { assertContextBudget, measureContextBudget } from './context-budget.js';

const parts = [
  { name: 'system', tokens: 1200, fixed: true },
  { name: 'tools', tokens: 800, fixed: true },
  { name: 'document', tokens: 150_000 },
];

describe('context budget', () => {
  it('budget = window - fixed overhead - output reserve', () => {
    const report = measureContextBudget({
      model: 'gpt-4o',
      contextWindow: 128_000,
      outputReserve: 4096,
      parts,
    });
    expect(report).toMatchObject({
      budget: 128_000 - 2000 - 4096,
      fixedTokens: 2000,
      variableTokens: 150_000,
      fits: false,
    });
  });

  it('fails loudly naming every part', () => {
    const error = (() => {
      try {
        assertContextBudget({
          model: 'gpt-4o',
          contextWindow: 128_000,
          outputReserve: 4096,
          parts,
        });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(GuardError);
    expect((error as GuardError).code).toBe('context_budget_exceeded');
    expect((error as GuardError).message).toMatch(
      /system=1,200 \+ tools=800 \+ document=150,000 \+ output reserve 4,096 > 128,000/,
    );
    expect((error as GuardError).details['tokens.document']).toBe(150_000);
  });

  it('rejects bad counts', () => {
    expect(() =>
      measureContextBudget({
        model: 'm',
        contextWindow: 10,
        outputReserve: 1,
        parts: [{ name: 'x', tokens: -1 }],
      }),
    ).toThrow(/'x'/);
  });
});
