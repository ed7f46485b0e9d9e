import { describe, expect, it } from 'vitest';
import type { AssertionEntry, ProviderResponse } from './assertion.js';
import { EvalError } from './eval-error.js';
import { gradeTest } from './grade-test.js';
import { rubricPrompt } from './judge-prompts.js';

async function grade(
  assert: AssertionEntry[],
  response: ProviderResponse | string,
  extra: { vars?: Record<string, unknown>; threshold?: number; tools?: unknown[] } = {},
) {
  const r = typeof response === 'string' ? { output: response } : response;
  return gradeTest(
    {
      vars: extra.vars ?? {},
      assert,
      ...(extra.threshold !== undefined ? { threshold: extra.threshold } : {}),
    },
    r,
    {
      prompt: 'p',
      ...(extra.tools ? { tools: extra.tools } : {}),
    },
  );
}

const pass = async (
  a: AssertionEntry,
  out: ProviderResponse | string,
  vars?: Record<string, unknown>,
) => (await grade([a], out, { ...(vars ? { vars } : {}) })).pass;

describe('deterministic assertions (promptfoo semantics)', () => {
  it('text assertions and their not- forms', async () => {
    expect(await pass({ type: 'equals', value: 'Hi' }, 'Hi')).toBe(true);
    expect(await pass({ type: 'equals', value: { a: 1 } }, '{"a": 1}')).toBe(true);
    expect(await pass({ type: 'not-equals', value: 'Hi' }, 'Hi')).toBe(false);
    expect(await pass({ type: 'contains', value: 'ell' }, 'Hello')).toBe(true);
    expect(await pass({ type: 'contains', value: 'ELL' }, 'Hello')).toBe(false);
    expect(await pass({ type: 'icontains', value: 'ELL' }, 'Hello')).toBe(true);
    expect(await pass({ type: 'contains-any', value: 'x, ll' }, 'Hello')).toBe(true);
    expect(await pass({ type: 'contains-all', value: ['He', 'lo'] }, 'Hello')).toBe(true);
    expect(await pass({ type: 'icontains-all', value: ['he', 'zz'] }, 'Hello')).toBe(false);
    expect(await pass({ type: 'not-icontains-any', value: ['zz', 'yy'] }, 'Hello')).toBe(true);
    expect(await pass({ type: 'starts-with', value: 'He' }, 'Hello')).toBe(true);
    expect(await pass({ type: 'regex', value: '^H.l+o$' }, 'Hello')).toBe(true);
    expect(await pass({ type: 'regex', value: '(' }, 'Hello')).toBe(false);
  });

  it('renders values as templates over the vars', async () => {
    expect(
      await pass({ type: 'contains', value: '{{ city }}' }, 'Weather in Paris', { city: 'Paris' }),
    ).toBe(true);
  });

  it('JSON with schemas, including keywords Ajv users write', async () => {
    const schema = {
      type: 'object',
      required: ['n'],
      properties: { n: { type: 'integer', minimum: 1 } },
    };
    expect(await pass({ type: 'is-json' }, '{"n": 2}')).toBe(true);
    expect(await pass({ type: 'is-json' }, 'nope')).toBe(false);
    expect(await pass({ type: 'is-json', value: schema }, '{"n": 0}')).toBe(false);
    expect(await pass({ type: 'contains-json', value: schema }, 'Result: {"n": 3} done')).toBe(
      true,
    );
    expect(await pass({ type: 'not-contains-json' }, 'no json here')).toBe(true);
    await expect(
      grade([{ type: 'is-json', value: { type: 'string', format: 'email' } }], '"a"'),
    ).rejects.toThrow(/format/);
  });

  it('distance and overlap scores with their default thresholds', async () => {
    expect(await pass({ type: 'levenshtein', value: 'kitten' }, 'sitting')).toBe(true);
    expect(await pass({ type: 'levenshtein', value: 'kitten', threshold: 2 }, 'sitting')).toBe(
      false,
    );
    expect(
      await pass({ type: 'rouge-n', value: 'the cat sat on the mat' }, 'The cat sat on the mat'),
    ).toBe(true);
    expect(await pass({ type: 'rouge-n', value: 'the cat sat on the mat' }, 'a dog ran')).toBe(
      false,
    );
    expect(
      await pass({ type: 'bleu', value: ['the cat is on the mat'] }, 'the cat is on the mat'),
    ).toBe(true);
    expect(await pass({ type: 'bleu', value: 'the cat is on the mat' }, 'dogs bark')).toBe(false);
  });

  it('response metadata: cost, latency, finish reason', async () => {
    const r: ProviderResponse = { output: 'x', cost: 0.002, latencyMs: 120, finishReason: 'stop' };
    expect(await pass({ type: 'cost', threshold: 0.01 }, r)).toBe(true);
    expect(await pass({ type: 'latency', threshold: 100 }, r)).toBe(false);
    expect(await pass({ type: 'finish-reason', value: 'STOP' }, r)).toBe(true);
    await expect(grade([{ type: 'cost' }], r)).rejects.toBeInstanceOf(EvalError);
    await expect(
      grade([{ type: 'latency', threshold: 1000 }], { ...r, cached: true }),
    ).rejects.toThrow(/cached/);
  });

  it('tool calls: validity against the configured tools, and F1 of names', async () => {
    const tools = [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          parameters: {
            type: 'object',
            required: ['city'],
            properties: { city: { type: 'string' } },
          },
        },
      },
    ];
    const call = (args: string) => ({
      output: [{ id: '1', type: 'function', function: { name: 'get_weather', arguments: args } }],
    });
    expect(
      (await grade([{ type: 'is-valid-openai-tools-call' }], call('{"city":"Paris"}'), { tools }))
        .pass,
    ).toBe(true);
    expect(
      (await grade([{ type: 'is-valid-openai-tools-call' }], call('{"town":1}'), { tools })).pass,
    ).toBe(false);
    expect(
      (await grade([{ type: 'is-valid-openai-tools-call' }], 'plain text', { tools })).pass,
    ).toBe(false);
    expect(await pass({ type: 'tool-call-f1', value: 'get_weather' }, call('{}'))).toBe(true);
    expect(
      await pass(
        { type: 'tool-call-f1', value: ['get_weather', 'book'], threshold: 0.7 },
        call('{}'),
      ),
    ).toBe(false);
  });

  it("Glassbox's failure categories", async () => {
    expect(
      await pass({ type: 'glassbox:no-refusal' }, "I'm sorry, but I can't help with that."),
    ).toBe(false);
    expect(await pass({ type: 'glassbox:no-refusal' }, 'Refunds take 14 days.')).toBe(true);
    const vars = { context: 'Refunds are processed within 14 days.' };
    expect(await pass({ type: 'glassbox:grounded' }, 'Refunds take 14 days.', vars)).toBe(true);
    expect(await pass({ type: 'glassbox:grounded' }, 'Refunds take 45 days.', vars)).toBe(false);
    const twice = {
      output: [1, 2].map((i) => ({
        id: String(i),
        type: 'function',
        function: { name: 'book_flight', arguments: '{"to":"LIS"}' },
      })),
    };
    expect(await pass({ type: 'glassbox:no-duplicate-side-effect' }, twice)).toBe(false);
    expect(
      await pass({ type: 'glassbox:no-truncation' }, { output: 'x', finishReason: 'length' }),
    ).toBe(false);
  });
});

describe('scoring: weight, threshold, assert-set, metric', () => {
  it('weight 0 never fails, and weights shape the mean score', async () => {
    const r = await grade(
      [
        { type: 'contains', value: 'a' },
        { type: 'contains', value: 'zz', weight: 0 },
        { type: 'contains', value: 'b', weight: 3 },
      ],
      'ab',
    );
    expect(r.pass).toBe(true);
    expect(r.score).toBe(1);
    const s = await grade(
      [
        { type: 'contains', value: 'a' },
        { type: 'contains', value: 'zz', weight: 3 },
      ],
      'ab',
    );
    expect(s.pass).toBe(false);
    expect(s.score).toBeCloseTo(0.25);
  });

  it('a test threshold replaces all-must-pass', async () => {
    const asserts: AssertionEntry[] = [
      { type: 'contains', value: 'a' },
      { type: 'contains', value: 'b' },
      { type: 'contains', value: 'zz' },
    ];
    expect((await grade(asserts, 'ab', { threshold: 0.6 })).pass).toBe(true);
    expect((await grade(asserts, 'ab', { threshold: 0.7 })).pass).toBe(false);
  });

  it('assert-set with its own threshold and metric names', async () => {
    const r = await grade(
      [
        {
          type: 'assert-set',
          threshold: 0.5,
          metric: 'set',
          assert: [
            { type: 'contains', value: 'a' },
            { type: 'contains', value: 'zz' },
          ],
        },
        { type: 'icontains', value: 'B', metric: 'case' },
      ],
      'ab',
    );
    expect(r.pass).toBe(true);
    expect(r.namedScores).toEqual({ set: 0.5, case: 1 });
  });

  it('an unsupported type is an error naming it', async () => {
    await expect(grade([{ type: 'not-python', value: 'x' }], 'a')).rejects.toThrow(
      /"not-python" is not supported/,
    );
  });
});

describe('model-graded and script assertions go through services', () => {
  it('llm-rubric parses the judge answer and applies the threshold', async () => {
    const judge = async () => '{"reason":"close","score":0.6,"pass":true}';
    const g = (threshold?: number) =>
      gradeTest(
        {
          vars: {},
          assert: [
            {
              type: 'llm-rubric',
              value: 'mentions refunds',
              ...(threshold !== undefined ? { threshold } : {}),
            },
          ],
        },
        { output: 'Refunds...' },
        { prompt: 'q', services: { judge } },
      );
    expect((await g()).pass).toBe(true);
    expect((await g(0.7)).pass).toBe(false);
    const judged = (await g()).componentResults?.[0]?.judge;
    expect(judged?.prompt).toContain('<Rubric>\nmentions refunds\n</Rubric>');
    expect(rubricPrompt('o', 'r').version).toBe(judged?.promptVersion);
  });

  it('a missing grader is an error, not a pass', async () => {
    await expect(
      gradeTest(
        { vars: {}, assert: [{ type: 'factuality', value: 'x' }] },
        { output: 'x' },
        { prompt: 'q' },
      ),
    ).rejects.toThrow(/grading provider/);
  });

  it('similar falls back to hashing embeddings, labelled', async () => {
    const r = await gradeTest(
      {
        vars: {},
        assert: [{ type: 'similar', value: 'refunds take fourteen days', threshold: 0.5 }],
      },
      { output: 'Refunds take fourteen days.' },
      { prompt: 'q' },
    );
    expect(r.pass).toBe(true);
    expect(r.componentResults?.[0]?.reason).toContain('hashing fallback');
  });

  it('javascript results: boolean, number against threshold, grading result', async () => {
    const run = (value: unknown) => async () => value;
    const g = (value: unknown, threshold?: number) =>
      gradeTest(
        {
          vars: {},
          assert: [
            {
              type: 'javascript',
              value: 'output.length',
              ...(threshold !== undefined ? { threshold } : {}),
            },
          ],
        },
        { output: 'abc' },
        { prompt: 'q', services: { runJavascript: run(value) } },
      );
    expect((await g(true)).pass).toBe(true);
    expect((await g(0.4, 0.5)).pass).toBe(false);
    expect((await g({ pass: false, score: 0.2, reason: 'no' })).pass).toBe(false);
    const thrown = await gradeTest(
      { vars: {}, assert: [{ type: 'javascript', value: 'x' }] },
      { output: 'a' },
      { prompt: 'q', services: { runJavascript: () => Promise.reject(new Error('boom')) } },
    );
    expect(thrown.reason).toContain('boom');
  });
});
