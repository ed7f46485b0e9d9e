import { describe, expect, it } from 'vitest';
import { assertionFromString } from './assertion-from-string.js';
import { bleu } from './bleu.js';
import { EvalError } from './eval-error.js';
import { levenshteinDistance } from './levenshtein-distance.js';
import { treebankTokenize } from './ngrams.js';
import { parseCsv } from './parse-csv.js';
import { parsePromptfooConfig } from './parse-promptfoo-config.js';
import { planEval } from './plan-eval.js';
import { renderTemplate } from './render-template.js';
import { rougeN } from './rouge-n.js';

const files: Record<string, string> = {
  'tests.csv': 'q,__expected1,__description\n"a, b",icontains:B,first\nc,not-equals:c,second\n',
  'more.jsonl':
    '{"vars": {"q": "x"}}\n\n{"vars": {"q": "y"}, "assert": [{"type": "contains", "value": "y"}]}\n',
  'prompt.txt': 'First {{q}}\n---\nSecond {{q}}\n',
};
const sources = {
  readText: (path: string) => {
    const text = files[path];
    if (text === undefined) throw new Error(`cannot read ${path}`);
    return text;
  },
  parseYaml: (text: string) => JSON.parse(text) as unknown,
};

describe('parsePromptfooConfig', () => {
  it('resolves files, merges defaultTest and plans every call', () => {
    const suite = parsePromptfooConfig(
      {
        prompts: ['file://prompt.txt'],
        providers: [
          'echo',
          { id: 'openai:chat:gpt-4o-mini', label: 'mini', config: { temperature: 0 } },
        ],
        defaultTest: { vars: { lang: 'en' }, assert: [{ type: 'not-contains', value: 'zz' }] },
        tests: ['file://tests.csv', 'file://more.jsonl'],
        evaluateOptions: { maxConcurrency: 2, repeat: 2 },
      },
      sources,
    );
    expect(suite.prompts.map((p) => p.raw)).toEqual(['First {{q}}', 'Second {{q}}']);
    expect(suite.tests).toHaveLength(4);
    expect(suite.tests[0]).toMatchObject({
      description: 'first',
      vars: { q: 'a, b', lang: 'en' },
      source: 'tests.csv line 2',
    });
    expect(suite.tests[0]?.assert.map((a) => a.type)).toEqual(['not-contains', 'icontains']);
    expect(suite.tests[3]?.source).toBe('more.jsonl line 3');
    expect(planEval(suite)).toHaveLength(4 * 2 * 2 * 2);
    expect(planEval(suite)[0]?.renderedPrompt).toBe('First a, b');
  });

  it.each([
    [{ prompts: ['x'], providers: ['echo'], env: {} }, 'key "env" is not supported'],
    [
      { prompts: ['x'], providers: ['bedrock:claude'] },
      'provider "bedrock:claude" is not supported',
    ],
    [
      { prompts: ['x'], providers: ['echo'], tests: [{ vars: {}, assert: [{ type: 'is-xml' }] }] },
      'assertion type "is-xml" is not supported',
    ],
    [
      { prompts: ['x'], providers: ['echo'], tests: [{ vars: {}, providerOutput: 'x' }] },
      'key "providerOutput" is not supported',
    ],
    [
      { prompts: ['x'], providers: ['echo'], evaluateOptions: { maxConcurrency: 0 } },
      'maxConcurrency must be a positive integer',
    ],
    [{ prompts: [], providers: ['echo'] }, 'at least one prompt'],
    [{ prompts: ['x'], providers: ['echo'], tests: 'file://tests.xlsx' }, 'unsupported type'],
  ])('rejects %j', (config, message) => {
    expect(() => parsePromptfooConfig(config, sources)).toThrow(EvalError);
    expect(() => parsePromptfooConfig(config, sources)).toThrow(message);
  });

  it('expands scenarios over their configs', () => {
    const suite = parsePromptfooConfig(
      {
        prompts: ['{{q}} in {{lang}}'],
        providers: ['echo'],
        scenarios: [
          {
            config: [{ vars: { lang: 'en' } }, { vars: { lang: 'fr' } }],
            tests: [{ vars: { q: 'hi' } }],
          },
        ],
      },
      sources,
    );
    expect(planEval(suite).map((c) => c.renderedPrompt)).toEqual(['hi in en', 'hi in fr']);
  });
});

describe('CSV, templates and assertion strings', () => {
  it('parses quoted fields with commas, quotes and newlines, numbering lines', () => {
    const rows = parseCsv('a,b\n"x, ""y""","multi\nline"\n\n1,2\n');
    expect(rows).toEqual([
      { line: 2, values: { a: 'x, "y"', b: 'multi\nline' } },
      { line: 5, values: { a: '1', b: '2' } },
    ]);
    expect(() => parseCsv('a\n"open\n')).toThrow(/line 2: unterminated/);
  });

  it('renders the Nunjucks subset and rejects the rest by name', () => {
    expect(
      renderTemplate('{{ a.b[1] }}|{{ missing }}|{{ n | dump }}', {
        a: { b: ['x', 'y'] },
        n: { k: 1 },
      }),
    ).toBe('y||{"k":1}');
    expect(() => renderTemplate('{{ a | title }}', { a: 'x' })).toThrow(/filter "title"/);
    expect(() => renderTemplate('{{ a + 1 }}', { a: 1 })).toThrow(/not a variable path/);
  });

  it('reads __expected strings as promptfoo does', () => {
    expect(assertionFromString('not-icontains-any:a,"b, c"')).toEqual({
      type: 'not-icontains-any',
      value: ['a', 'b, c'],
    });
    expect(assertionFromString('levenshtein(3):kitten')).toEqual({
      type: 'levenshtein',
      value: 'kitten',
      threshold: 3,
    });
    expect(assertionFromString('rouge-n:the cat')).toEqual({
      type: 'rouge-n',
      value: 'the cat',
      threshold: 0.75,
    });
    expect(assertionFromString('grade:is polite')).toEqual({
      type: 'llm-rubric',
      value: 'is polite',
    });
    expect(assertionFromString('python:x > 1')).toEqual({ type: 'python', value: 'x > 1' });
    expect(assertionFromString('Answer: yes')).toEqual({ type: 'equals', value: 'Answer: yes' });
  });
});

describe('text metrics against reference values', () => {
  it('levenshtein, BLEU and ROUGE-1', () => {
    expect(levenshteinDistance('kitten', 'sitting')).toBe(3);
    expect(levenshteinDistance('', 'abc')).toBe(3);
    expect(bleu('the cat is on the mat', ['the cat is on the mat'])).toBeCloseTo(1, 10);
    // 1-gram 1/1, higher orders absent: BP = exp(1 - 6/1)
    expect(bleu('cat', ['the cat is on the mat'])).toBeCloseTo(Math.exp(-5), 10);
    expect(rougeN('the cat sat on the mat', 'the cat sat on the mat')).toBe(1);
    expect(rougeN('the cat', 'the cat sat on the mat')).toBeCloseTo(
      (2 * 1 * (2 / 6)) / (1 + 2 / 6),
      10,
    );
    expect(treebankTokenize("Refunds aren't free, sorry.")).toEqual([
      'Refunds',
      'are',
      "n't",
      'free',
      ',',
      'sorry',
      '.',
    ]);
  });
});
