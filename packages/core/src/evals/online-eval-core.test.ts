import { describe, expect, it } from 'vitest';
import type { Span } from '../model/index.js';
import { cohenKappa } from './cohen-kappa.js';
import { datasetItemFromTrace } from './dataset-item-from-trace.js';
import { evalCoverage } from './eval-coverage.js';
import { parseDatasetRef, runItemResults, type RunOutcome } from './experiment-run.js';
import { reviewAgreement, type ReviewLabel } from './review-agreement.js';
import { assertionsForTrace, checkSamplingRules, isSampled } from './sampling-rule.js';

const span = (over: Partial<Span>): Span =>
  ({
    projectId: 'default',
    traceId: 'a'.repeat(32),
    spanId: '1'.repeat(16),
    name: 'x',
    kind: 'chain',
    startTimeUnixNano: '0',
    endTimeUnixNano: '0',
    startMs: 0,
    durationMs: 1,
    status: 'ok',
    parameters: {},
    inputMessages: [],
    outputMessages: [],
    usage: {},
    toolDefinitions: [],
    documents: [],
    tags: [],
    metadata: {},
    versions: {},
    resource: {},
    scope: { name: 's' },
    attributes: {},
    events: [],
    ...over,
  }) as Span;

describe('datasetItemFromTrace', () => {
  it('copies the input, prompt variables, context and answer, with the categories', () => {
    const item = datasetItemFromTrace(
      [
        span({ input: 'root' }),
        span({
          spanId: '2'.repeat(16),
          parentSpanId: '1'.repeat(16),
          kind: 'retriever',
          retrievalQuery: 'how long do refunds take?',
          documents: [
            { id: 'd1', content: 'Refunds take 14 days.' },
            { id: 'd2', content: 'Shipping is free.' },
          ],
        }),
        span({
          spanId: '3'.repeat(16),
          parentSpanId: '1'.repeat(16),
          kind: 'llm',
          responseModel: 'gpt-x',
          prompt: { name: 'support', variables: { tier: 'pro' } },
          outputMessages: [{ role: 'assistant', content: 'About 30 days.' }],
        }),
      ],
      ['ungrounded_answer'],
    );
    expect(item).toMatchObject({
      vars: {
        tier: 'pro',
        input: 'how long do refunds take?',
        context: ['Refunds take 14 days.', 'Shipping is free.'],
      },
      sourceTraceId: 'a'.repeat(32),
      categories: ['ungrounded_answer'],
      metadata: {
        productionOutput: 'About 30 days.',
        retrievedDocumentIds: 'd1;d2',
        model: 'gpt-x',
      },
    });
    expect(item.id).toMatch(/^trace-a{16}-[0-9a-f]{8}$/);
  });
});

describe('evalCoverage', () => {
  it('counts items per category and dimension and lists the uncovered ones', () => {
    const coverage = evalCoverage([
      {
        dataset: 'support@2',
        items: [
          { id: '1', vars: {}, categories: ['refusal'], dimensions: ['tone'] },
          { id: '2', vars: {}, categories: ['refusal'] },
        ],
      },
      { dataset: 'rag@1', items: [{ id: '3', vars: {}, categories: ['ungrounded_answer'] }] },
    ]);
    expect(coverage.categories.find((c) => c.name === 'refusal')).toEqual({
      name: 'refusal',
      items: 2,
      datasets: ['support@2'],
      evaluator: 'glassbox:no-refusal',
    });
    expect(coverage.uncoveredCategories).toContain('tool_loop');
    expect(coverage.uncoveredCategories).not.toContain('ungrounded_answer');
    expect(coverage.uncoveredDimensions).toEqual(['format', 'calibration', 'task-completion']);
  });
});

describe('sampling rules', () => {
  it('samples deterministically, nested across rates, near the rate', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => i.toString(16).padStart(32, '0'));
    const at2 = ids.filter((id) => isSampled(id, 0.02));
    const at5 = ids.filter((id) => isSampled(id, 0.05));
    expect(at2.length / ids.length).toBeGreaterThan(0.015);
    expect(at2.length / ids.length).toBeLessThan(0.025);
    expect(at2.every((id) => at5.includes(id))).toBe(true);
    expect(ids.filter((id) => isSampled(id, 0.02))).toEqual(at2);
  });

  it('matches segments and refuses bad rules by name', () => {
    const rules = checkSamplingRules([
      {
        id: 'refunds',
        segment: { route: 'refunds' },
        rate: 1,
        assert: [{ type: 'glassbox:no-refusal' }],
      },
      { id: 'all', assert: [{ type: 'icontains', value: 'x' }] },
    ]);
    expect(rules[1]?.rate).toBe(0.02);
    expect(assertionsForTrace(rules, 'f'.repeat(32), { route: 'refunds' })).toHaveLength(1);
    expect(assertionsForTrace(rules, 'f'.repeat(32), { route: 'billing' })).toHaveLength(0);
    expect(() => checkSamplingRules([{ id: 'a', rate: 2, assert: [{ type: 'equals' }] }])).toThrow(
      /rules\[0\]\.rate/,
    );
    expect(() => checkSamplingRules([{ id: 'a', assert: [{ type: 'python' }] }])).toThrow(
      /"python" is not supported/,
    );
    expect(() => checkSamplingRules([{ id: 'a', assert: [] }])).toThrow(/at least one/);
    expect(() =>
      checkSamplingRules([
        { id: 'a', assert: [{ type: 'equals' }] },
        { id: 'a', assert: [{ type: 'equals' }] },
      ]),
    ).toThrow(/used twice/);
  });
});

describe('agreement', () => {
  it("computes Cohen's kappa against the textbook example", () => {
    const pairs: [string, string][] = [
      ...Array<[string, string]>(20).fill(['yes', 'yes']),
      ...Array<[string, string]>(5).fill(['yes', 'no']),
      ...Array<[string, string]>(10).fill(['no', 'yes']),
      ...Array<[string, string]>(15).fill(['no', 'no']),
    ];
    const { kappa, observed } = cohenKappa(pairs);
    expect(observed).toBeCloseTo(0.7);
    expect(kappa).toBeCloseTo(0.4);
    expect(cohenKappa([['a', 'a']]).kappa).toBeUndefined();
  });

  it('pairs reviewers with the judge and with each other per dimension', () => {
    const labels: ReviewLabel[] = [
      { traceId: 't1', dimension: 'tone', rater: 'judge', verdict: 'pass' },
      { traceId: 't1', dimension: 'tone', rater: 'ann', verdict: 'pass' },
      { traceId: 't1', dimension: 'tone', rater: 'bob', verdict: 'pass' },
      { traceId: 't2', dimension: 'tone', rater: 'judge', verdict: 'fail' },
      { traceId: 't2', dimension: 'tone', rater: 'ann', verdict: 'fail' },
      { traceId: 't2', dimension: 'tone', rater: 'bob', verdict: 'pass' },
    ];
    const tone = reviewAgreement(labels).find((d) => d.dimension === 'tone');
    expect(tone?.reviewerVsJudge.items).toBe(4);
    expect(tone?.reviewerVsJudge.observed).toBeCloseTo(0.75);
    expect(tone?.betweenReviewers).toMatchObject({ items: 2, observed: 0.5 });
    expect(
      reviewAgreement(labels).find((d) => d.dimension === 'format')?.reviewerVsJudge.items,
    ).toBe(0);
  });
});

describe('runs', () => {
  it('groups outcomes per item in repeat order and parses dataset refs', () => {
    const o = (itemId: string, repeat: number, pass: boolean): RunOutcome => ({
      itemId,
      repeat,
      pass,
      score: pass ? 1 : 0,
      namedScores: { m: repeat },
      output: '',
      reason: '',
      assertions: [],
    });
    expect(runItemResults([o('a', 1, false), o('a', 0, true), o('b', 0, true)])).toEqual([
      { itemId: 'a', passes: [true, false], scores: [1, 0], namedScores: { m: [0, 1] } },
      { itemId: 'b', passes: [true], scores: [1], namedScores: { m: [0] } },
    ]);
    expect(parseDatasetRef('support@3')).toEqual({ name: 'support', version: 3 });
    expect(parseDatasetRef('support')).toEqual({ name: 'support' });
    expect(() => parseDatasetRef('sup port@x')).toThrow(/NAME@VERSION/);
  });
});
