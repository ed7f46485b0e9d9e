import { describe, expect, it } from 'vitest';
import { classifySpan } from './classify-span.js';
import { llmSpan } from '../../test/corpus/span-factory.js';
import { detectAbstention, detectRefusal } from './refusal-patterns.js';
import { resolveThresholds } from './thresholds.js';

describe('refusal and abstention', () => {
  it('tells a refusal from an answer that says the sources do not cover the question', () => {
    expect(detectRefusal("I'm sorry, but I can't help with that request.")).toBeDefined();
    expect(detectRefusal('I can\u2019t answer that.')).toBe("i can't answer that");
    const abstentions = [
      "I can't answer that from the provided sources.",
      "The provided context does not contain information about Cargo, so I can't answer that from the sources given.",
      "I'm sorry, I can't find that in the documents provided; the documents don't cover it.",
    ];
    for (const text of abstentions) {
      expect(detectRefusal(text), text).toBeUndefined();
      expect(detectAbstention(text), text).toBeDefined();
    }
  });

  it('reports no refusal finding for an abstention', () => {
    const cats = (answer: string) =>
      classifySpan(llmSpan('a', 'Do you fly to Reykjavik?', answer), resolveThresholds()).map(
        (f) => f.category,
      );
    expect(cats("I can't answer that from the provided sources.")).toEqual([]);
    expect(cats("I can't answer that.")).toEqual(['refusal']);
  });
});
