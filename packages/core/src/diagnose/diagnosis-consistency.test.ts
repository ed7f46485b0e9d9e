import { describe, expect, it } from 'vitest';
import { findFailures } from '../classify/classify-trace.js';
import {
  FAILURE_CATEGORIES,
  makeFinding,
  type FailureCategory,
  type Finding,
  type Remedy,
} from '../classify/failure-categories.js';
import { CORPUS } from '../../test/corpus/index.js';
import {
  diagnosisContradictions,
  remedyContradictions,
} from '../../test/diagnose/diagnosis-contradictions.js';
import { diagnoseTrace } from './diagnose-trace.js';

const CATEGORIES = Object.keys(FAILURE_CATEGORIES) as FailureCategory[];
const findingsOf = (t: (typeof CORPUS)[number]) => findFailures(t.spans, undefined, t.sessionSpans);

/** A finding of `category` on the trace's first span, with the evidence flags given. */
const injected = (
  t: (typeof CORPUS)[number],
  category: FailureCategory,
  evidence: Record<string, boolean> = {},
): Finding => makeFinding(category, [t.spans[0]!.spanId], `injected ${category}`, evidence);

describe('the diagnosis is consistent by construction', () => {
  it('never contradicts itself or its findings on any corpus trace', () => {
    const bad = CORPUS.flatMap((t) => {
      const findings = findingsOf(t);
      return diagnosisContradictions(findings, diagnoseTrace(t.spans, findings)).map(
        (line) => `${t.name}: ${line}`,
      );
    });
    expect(bad).toEqual([]);
  });

  it('stays consistent when any failure category is added to any corpus trace', () => {
    const bad: string[] = [];
    for (const t of CORPUS) {
      const base = findingsOf(t);
      for (const category of CATEGORIES) {
        const findings = [...base, injected(t, category)];
        for (const line of diagnosisContradictions(findings, diagnoseTrace(t.spans, findings)))
          bad.push(`${t.name} + ${category}: ${line}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('gives every category a remedy its evidence supports, for every value of its flags', () => {
    for (const category of CATEGORIES) {
      const info: { remediation: string; remedies?: readonly Remedy[] } =
        FAILURE_CATEGORIES[category];
      const flags = [...new Set((info.remedies ?? []).flatMap((r) => Object.keys(r.when)))];
      for (let mask = 0; mask < 2 ** flags.length; mask++) {
        const evidence = Object.fromEntries(flags.map((k, i) => [k, (mask & (1 << i)) !== 0]));
        const f = makeFinding(category, ['s'], category, evidence);
        expect(remedyContradictions(f), `${category} ${JSON.stringify(evidence)}`).toEqual([]);
      }
    }
  });

  it('does not clear the input of a silently truncated trace with "no truncation seen"', () => {
    const t = CORPUS.find((c) => c.name === 'system prompt dropped before a rag answer')!;
    const findings = findingsOf(t);
    const input = diagnoseTrace(t.spans, findings).layers.find((l) => l.layer === 'input')!;
    expect(input.verdict).toBe('implicated');
    expect(input.evidenceAgainst).not.toContain('no truncation seen');
    expect(input.kinds.for).toContain('silent_truncation_suspected');
  });

  it('does not blame the system prompt when the evidence says it was kept', () => {
    const kept = makeFinding('silent_truncation_suspected', ['s'], 'm', {
      systemPromptLikelyDropped: false,
      countEqualsContextSize: false,
    });
    expect(kept.remediation).not.toMatch(/system prompt/i);
    const dropped = makeFinding('silent_truncation_suspected', ['s'], 'm', {
      systemPromptLikelyDropped: true,
    });
    expect(dropped.remediation).toMatch(/system prompt/i);
  });

  it('flags the contradictions the checks exist for (so they can fail)', () => {
    const f = makeFinding('silent_truncation_suspected', ['s'], 'cut', {
      systemPromptLikelyDropped: false,
    });
    const blaming = {
      ...f,
      remediation: FAILURE_CATEGORIES.silent_truncation_suspected.remedies[0].text,
    };
    const lines = diagnosisContradictions([blaming], {
      summary: '',
      layers: [
        {
          layer: 'input',
          verdict: 'implicated',
          confidence: 0.9,
          evidenceFor: ['cut'],
          evidenceAgainst: ['no truncation seen'],
          kinds: { for: ['silent_truncation_suspected'], against: ['silent_truncation_suspected'] },
        },
      ],
    });
    expect(lines.join('\n')).toMatch(/ruled out here/);
    expect(lines.join('\n')).toMatch(/denies the silent_truncation_suspected/);
    expect(lines.join('\n')).toMatch(/remedy needs systemPromptLikelyDropped true/);
    expect(lines.join('\n')).toMatch(/remedy says .*system prompt/);
  });
});
