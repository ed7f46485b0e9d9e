import type { Finding, Layer } from '../classify/failure-categories.js';

/**
 * The diagnosis layer a finding implicates. An ungrounded answer is a retrieval failure when
 * the documents miss what the question asked (low query-term coverage and no contradicted
 * number) or retrieval already failed; otherwise the facts were there and generation ignored
 * or contradicted them.
 */
export function layerOfFinding(finding: Finding, all: readonly Finding[]): Layer {
  if (finding.category !== 'ungrounded_answer') return finding.layer;
  if (all.some((f) => f.category === 'no_documents' || f.category === 'low_relevance'))
    return 'retrieval';
  const coverage =
    typeof finding.evidence.queryTermCoverage === 'number' ? finding.evidence.queryTermCoverage : 1;
  const contradicted =
    Array.isArray(finding.evidence.contradictedNumbers) &&
    finding.evidence.contradictedNumbers.length > 0;
  return coverage < 0.5 && !contradicted ? 'retrieval' : 'generation';
}
