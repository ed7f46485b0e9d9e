import type { FailureCategory } from '../classify/index.js';
import {
  canonicalJson,
  checkGroundedness,
  detectRefusal,
  isSideEffectToolName,
} from '../classify/index.js';
import type { RetrievedDocument } from '../model/index.js';
import type { AssertionInput, AssertionVerdict } from './assertion-input.js';
import { binaryVerdict } from './assertion-input.js';

/** A Glassbox failure category turned into an assertion type (`glassbox:<name>`). */
export interface FailureCategoryEvaluator {
  type: string;
  /** The failure categories a failing verdict stands for (for eval coverage). */
  categories: readonly FailureCategory[];
  summary: string;
  grade(input: AssertionInput): AssertionVerdict;
}

function negate(
  verdict: AssertionVerdict,
  inverse: boolean,
  inverseReason: string,
): AssertionVerdict {
  if (!inverse) return verdict;
  return binaryVerdict(!verdict.pass, inverseReason);
}

/** The context documents of a test: `vars.context` as text or a list, or `vars.documents`. */
function contextDocuments(vars: Readonly<Record<string, unknown>>): RetrievedDocument[] {
  const raw = vars.documents ?? vars.context;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.map((d, i) =>
    typeof d === 'string'
      ? { id: String(i + 1), content: d }
      : {
          id: String((d as { id?: unknown }).id ?? i + 1),
          content: String((d as { content?: unknown }).content ?? ''),
        },
  );
}

function toolCalls(output: unknown): { name: string; arguments: string }[] {
  const calls = Array.isArray(output)
    ? output
    : output &&
        typeof output === 'object' &&
        Array.isArray((output as { tool_calls?: unknown }).tool_calls)
      ? (output as { tool_calls: unknown[] }).tool_calls
      : [];
  return calls.flatMap((c) => {
    const f = (c as { function?: { name?: unknown; arguments?: unknown } })?.function;
    return typeof f?.name === 'string'
      ? [{ name: f.name, arguments: String(f.arguments ?? '') }]
      : [];
  });
}

/**
 * Glassbox's failure categories as evaluators, built on the same rules that classify
 * production traces, so a dataset item and a live trace are judged alike.
 */
export const FAILURE_CATEGORY_EVALUATORS: readonly FailureCategoryEvaluator[] = [
  {
    type: 'glassbox:no-refusal',
    categories: ['refusal'],
    summary: 'the answer does not refuse (refusal phrases near its start)',
    grade(input) {
      const phrase = detectRefusal(input.outputText);
      return negate(
        binaryVerdict(phrase === undefined, `Output refuses ("${phrase ?? ''}")`),
        input.inverse,
        'Expected a refusal',
      );
    },
  },
  {
    type: 'glassbox:grounded',
    categories: ['ungrounded_answer'],
    summary:
      "the answer's numbers, entities and citations occur in the context (vars.context or vars.documents)",
    grade(input) {
      const report = checkGroundedness({
        answer: input.outputText,
        documents: contextDocuments(input.vars),
        query:
          typeof input.vars.query === 'string'
            ? input.vars.query
            : typeof input.vars.question === 'string'
              ? input.vars.question
              : undefined,
      });
      const missing = [
        ...report.missingNumbers,
        ...report.missingEntities,
        ...report.missingCitations,
      ];
      const checked = Math.max(report.checkedClaims, missing.length);
      const score = checked === 0 ? 1 : 1 - missing.length / checked;
      const pass = missing.length === 0;
      const verdict: AssertionVerdict = {
        pass,
        score,
        reason: pass ? 'Assertion passed' : `Not in the context: ${missing.join(', ')}`,
      };
      return input.inverse
        ? {
            pass: !pass,
            score: 1 - score,
            reason: pass ? 'Expected an ungrounded answer' : 'Assertion passed',
          }
        : verdict;
    },
  },
  {
    type: 'glassbox:no-duplicate-side-effect',
    categories: ['duplicate_side_effect'],
    summary: 'no side-effecting tool is called twice with the same arguments',
    grade(input) {
      const seen = new Set<string>();
      let duplicate: string | undefined;
      for (const call of toolCalls(input.output)) {
        if (!isSideEffectToolName(call.name)) continue;
        const key = `${call.name}\u0000${canonicalJson(call.arguments)}`;
        if (seen.has(key)) duplicate ??= call.name;
        seen.add(key);
      }
      return negate(
        binaryVerdict(
          duplicate === undefined,
          `${duplicate ?? ''} is called twice with the same arguments`,
        ),
        input.inverse,
        'Expected a duplicate side effect',
      );
    },
  },
  {
    type: 'glassbox:no-truncation',
    categories: ['incomplete_response'],
    summary: 'the answer was not cut off by the token limit (finish reason "length")',
    grade(input) {
      const cut = input.response.finishReason?.toLowerCase() === 'length';
      return negate(
        binaryVerdict(!cut, 'Output was cut off by the token limit'),
        input.inverse,
        'Expected a truncated answer',
      );
    },
  },
  {
    type: 'glassbox:no-content-filter',
    categories: ['content_filter'],
    summary: 'the answer was not stopped by the content filter',
    grade(input) {
      const filtered = input.response.finishReason?.toLowerCase() === 'content_filter';
      return negate(
        binaryVerdict(!filtered, 'Output was stopped by the content filter'),
        input.inverse,
        'Expected a filtered answer',
      );
    },
  },
  {
    type: 'glassbox:non-empty',
    categories: ['empty_output'],
    summary: 'the answer has text or tool calls',
    grade(input) {
      const empty = input.outputText.trim() === '' || input.outputText === '""';
      return negate(
        binaryVerdict(!empty, 'Output is empty'),
        input.inverse,
        'Expected an empty answer',
      );
    },
  },
];
