import type { Finding, FailureCategory, Layer } from '../classify/failure-categories.js';

/** A question whose words the retrieved documents hold less than this share of is off-corpus. */
const OFF_CORPUS_COVERAGE = 0.25;
/** Fewer content words than this say too little: one synonym would make the coverage 0. */
const OFF_CORPUS_MIN_TERMS = 3;

/** Findings that record a changed generation configuration: causes, never consequences. */
export const GENERATION_CONFIG_DRIFT: ReadonlySet<FailureCategory> = new Set([
  'model_version_mismatch',
  'sampling_parameters_mismatch',
]);

/**
 * The diagnosis layer a finding implicates.
 *
 * An ungrounded answer is a generation failure when the call ran with another model or other
 * sampling than its version snapshot pins (the answer came from an unreviewed configuration);
 * otherwise a retrieval failure when retrieval already failed or the documents miss what the
 * question asked (low query-term coverage and no contradicted number); otherwise the facts were
 * there and generation ignored or contradicted them.
 *
 * Low relevance is an input problem when the documents hold almost none of the question's words
 * (under a quarter of at least three: an off-corpus question nothing in the index answers) and
 * no upstream change is implicated; the diagnosis then keeps retrieval only weakly implicated.
 *
 * @example
 * layerOfFinding(lowRelevanceWithCoverage0, [lowRelevanceWithCoverage0]); // 'input'
 */
export function layerOfFinding(
  finding: Finding,
  all: readonly Finding[],
  upstreamImplicated = false,
): Layer {
  if (finding.category === 'low_relevance')
    return isOffCorpus(finding) && !upstreamImplicated ? 'input' : 'retrieval';
  if (finding.category !== 'ungrounded_answer') return finding.layer;
  if (all.some((f) => GENERATION_CONFIG_DRIFT.has(f.category))) return 'generation';
  if (all.some((f) => f.category === 'no_documents' || f.category === 'low_relevance'))
    return 'retrieval';
  const coverage =
    typeof finding.evidence.queryTermCoverage === 'number' ? finding.evidence.queryTermCoverage : 1;
  const contradicted =
    Array.isArray(finding.evidence.contradictedNumbers) &&
    finding.evidence.contradictedNumbers.length > 0;
  return coverage < 0.5 && !contradicted ? 'retrieval' : 'generation';
}

/** A low-relevance finding whose documents hold (almost) none of the question's words. */
export function isOffCorpus(finding: Finding): boolean {
  const { queryTermCoverage: coverage, queryTerms: terms } = finding.evidence;
  return (
    finding.category === 'low_relevance' &&
    typeof coverage === 'number' &&
    typeof terms === 'number' &&
    terms >= OFF_CORPUS_MIN_TERMS &&
    coverage < OFF_CORPUS_COVERAGE
  );
}
