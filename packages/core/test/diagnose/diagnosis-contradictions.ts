import {
  FAILURE_CATEGORIES,
  type FailureCategory,
  type Finding,
  type Remedy,
} from '../../src/classify/failure-categories.js';
import type { Diagnosis } from '../../src/diagnose/diagnosis.js';

/**
 * Phrases that deny a failure, written independently of the kinds the diagnosis declares: a
 * statement against any layer that matches one while the trace shows that failure clears a
 * layer with the very evidence that implicates one.
 */
const DENIALS: Partial<Record<FailureCategory, RegExp>> = {
  silent_truncation_suspected: /no truncation/i,
  context_length_exceeded: /within the context window/i,
  context_budget_exhausted: /within the context window/i,
  tool_error: /none failed|without errors/i,
  invalid_tool_arguments: /none failed|without errors/i,
  tool_loop: /no repeated calls|without .*loops/i,
  agent_ping_pong: /hand-off loops|without .*loops/i,
  duplicate_side_effect: /executed twice|duplicates/i,
  timeout: /without timeouts|none failed/i,
  rate_limit: /rate limits|none failed/i,
  service_unavailable: /none failed/i,
  network_error: /network errors|none failed/i,
  ungrounded_answer: /facts appear in|all found in the context/i,
  model_version_mismatch: /match the pinned/i,
  sampling_parameters_mismatch: /match the pinned/i,
  routing_mismatch: /expected route was taken/i,
  incomplete_response: /outputs complete/i,
  malformed_response: /well-formed/i,
  refusal: /not refusals|no refusals/i,
  latency_over_budget: /latency.*within budget/i,
  cost_over_budget: /cost.*within budget/i,
  token_over_budget: /tokens within budget/i,
  stale_documents: /fresh ingestion/i,
  low_relevance: /top relevance score/i,
};

/**
 * Facts a remedy's text relies on, written independently of the remedies' own conditions: a
 * remedy that says this while the evidence says otherwise contradicts its finding.
 */
const REMEDY_CLAIMS: ReadonlyArray<{
  category: FailureCategory;
  says: RegExp;
  needs: Record<string, boolean>;
}> = [
  {
    category: 'silent_truncation_suspected',
    says: /system prompt/i,
    needs: { systemPromptLikelyDropped: true },
  },
  {
    category: 'silent_truncation_suspected',
    says: /clipped the input to its context size/i,
    needs: { countEqualsContextSize: true },
  },
  {
    category: 'duplicate_side_effect',
    says: /after a timeout/i,
    needs: { retriedAfterTimeout: true },
  },
];

/**
 * Every way one diagnosis contradicts itself or its findings, as readable lines (empty when
 * consistent):
 * - a kind of evidence both for some layer and ruled out against some layer;
 * - a statement against a layer that denies a failure the trace shows (`DENIALS`);
 * - a finding whose category is missing from the kinds of the layer that lists it;
 * - a remedy that is not its category's, or whose conditions or claims the evidence denies.
 */
export function diagnosisContradictions(findings: Finding[], diagnosis: Diagnosis): string[] {
  const out: string[] = [];
  const kindsFor = new Set(diagnosis.layers.flatMap((l) => l.kinds.for));
  for (const l of diagnosis.layers) {
    for (const k of l.kinds.against)
      if (kindsFor.has(k)) out.push(`${l.layer}: ${k} is evidence for a layer and ruled out here`);
    for (const f of findings) {
      const denial = DENIALS[f.category];
      const denied = denial && l.evidenceAgainst.find((e) => denial.test(e));
      if (denied) out.push(`${l.layer}: "${denied}" denies the ${f.category} the trace shows`);
    }
  }
  for (const f of findings) {
    const listing = diagnosis.layers.find((l) => l.evidenceFor.includes(f.message));
    if (!listing) out.push(`${f.category}: its message is not evidence for any layer`);
    else if (!listing.kinds.for.includes(f.category))
      out.push(`${listing.layer}: lists ${f.category} without declaring its kind`);
    out.push(...remedyContradictions(f));
  }
  return out;
}

/** How a finding's remedy contradicts its evidence (empty when it does not). */
export function remedyContradictions(f: Finding): string[] {
  const out: string[] = [];
  const info: { remediation: string; remedies?: readonly Remedy[] } =
    FAILURE_CATEGORIES[f.category];
  const chosen = info.remedies?.find((r) => r.text === f.remediation);
  if (!chosen && f.remediation !== info.remediation)
    out.push(`${f.category}: remedy "${f.remediation}" is not one of its category's`);
  for (const [key, value] of Object.entries(chosen?.when ?? {}))
    if (f.evidence[key] !== value)
      out.push(
        `${f.category}: remedy needs ${key} ${value}, evidence has ${String(f.evidence[key])}`,
      );
  for (const claim of REMEDY_CLAIMS) {
    if (claim.category !== f.category || !claim.says.test(f.remediation)) continue;
    for (const [key, value] of Object.entries(claim.needs))
      if (f.evidence[key] !== value)
        out.push(
          `${f.category}: remedy says ${claim.says} while ${key} is ${String(f.evidence[key])}`,
        );
  }
  return out;
}
