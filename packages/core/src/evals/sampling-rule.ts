import type { Assertion } from './assertion.js';
import { parseAssertion } from './parse-promptfoo-config.js';
import { contentHash } from './dataset-item.js';
import { EVAL_ERROR_CODES, EvalError } from './eval-error.js';

/** Share of traces a rule samples when it does not say: 2 %, inside the usual 1–5 %. */
export const DEFAULT_SAMPLE_RATE = 0.02;

/**
 * Which production traces to evaluate and how: the traces of a segment (all of the project
 * when `segment` is empty), a deterministic share of them, graded by promptfoo-style
 * assertions (deterministic ones, Glassbox failure categories `glassbox:*`, model-graded ones
 * through the configured grader).
 */
export interface SamplingRule {
  id: string;
  /** Segment values a trace must have, e.g. `{ route: 'refunds' }` or `{ 'meta.tier': 'pro' }`. */
  segment: Record<string, string>;
  /** Share of matching traces, in (0, 1]. */
  rate: number;
  assert: Assertion[];
}

/**
 * Whether a trace is in a sample of `rate`: a hash of its id below the rate, so the same
 * trace is always in or out, and a trace sampled at 1 % is also in the 5 % sample.
 *
 * @example
 * isSampled('4bf92f3577b34da6a3ce929d0e0e4736', 0.05); // true or false, always the same
 */
export function isSampled(traceId: string, rate: number): boolean {
  return parseInt(contentHash(traceId), 16) / 0x1_0000_0000 < rate;
}

/**
 * The score names online evaluation gives under these rules (an assertion's `metric`, else its
 * type), once each: what a canary's `evaluators` may name.
 *
 * @example scoredEvaluatorNames([{ id: 'r', segment: {}, rate: 1, assert: [{ type: 'glassbox:no-refusal' }] }]) // ['glassbox:no-refusal']
 */
export function scoredEvaluatorNames(rules: readonly Pick<SamplingRule, 'assert'>[]): string[] {
  return [...new Set(rules.flatMap((rule) => rule.assert.map((a) => a.metric ?? a.type)))];
}

/** Whether a trace's segments match a rule's segment filter. */
export function ruleMatches(
  rule: SamplingRule,
  segments: Readonly<Record<string, string>>,
): boolean {
  return Object.entries(rule.segment).every(([k, v]) => segments[k] === v);
}

/** The assertions to run on a trace: those of every rule that matches and samples it. */
export function assertionsForTrace(
  rules: readonly SamplingRule[],
  traceId: string,
  segments: Readonly<Record<string, string>>,
): { ruleId: string; assertion: Assertion }[] {
  return rules
    .filter((r) => ruleMatches(r, segments) && isSampled(traceId, r.rate))
    .flatMap((r) => r.assert.map((assertion) => ({ ruleId: r.id, assertion })));
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks sampling rules from outside; throws EvalError naming the rule and field. A rate
 * defaults to 2 %; ids must be unique; every assertion type must be supported.
 *
 * @example
 * checkSamplingRules([{ id: 'refunds', segment: { route: 'refunds' }, assert: [{ type: 'glassbox:no-refusal' }] }]);
 */
export function checkSamplingRules(raw: unknown): SamplingRule[] {
  if (!Array.isArray(raw)) throw invalid('rules must be a list');
  const seen = new Set<string>();
  return raw.map((r, i): SamplingRule => {
    const where = `rules[${i}]`;
    if (!isObject(r)) throw invalid(`${where} must be an object`);
    const unknown = Object.keys(r).find((k) => !['id', 'segment', 'rate', 'assert'].includes(k));
    if (unknown) throw invalid(`${where} has an unknown field "${unknown}"`);
    if (typeof r.id !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(r.id))
      throw invalid(`${where}.id must be 1-64 letters, digits or . _ -`);
    if (seen.has(r.id)) throw invalid(`${where}.id "${r.id}" is used twice`);
    seen.add(r.id);
    const segment = r.segment ?? {};
    if (!isObject(segment) || Object.values(segment).some((v) => typeof v !== 'string'))
      throw invalid(`${where}.segment must be an object of strings`);
    const rate = r.rate ?? DEFAULT_SAMPLE_RATE;
    if (typeof rate !== 'number' || !(rate > 0 && rate <= 1))
      throw invalid(`${where}.rate must be a number in (0, 1], e.g. 0.02 for 2 %`);
    if (!Array.isArray(r.assert) || r.assert.length === 0)
      throw invalid(`${where}.assert must list at least one assertion`);
    const assert = r.assert.map((a, j): Assertion => {
      const where_ = `${where}.assert[${j}]`;
      if (isObject(a) && a.type === 'assert-set')
        throw invalid(`${where_}: assert-set is not supported in sampling rules`);
      try {
        return parseAssertion(a, where_) as Assertion;
      } catch (error) {
        throw invalid((error as Error).message);
      }
    });
    return { id: r.id, segment: { ...(segment as Record<string, string>) }, rate, assert };
  });
}

function invalid(message: string): EvalError {
  return new EvalError(EVAL_ERROR_CODES.invalidConfig, `sampling rules: ${message}`);
}
