import type { Span } from '../model/span.js';
import { budgetFindings } from './budget-rules.js';
import type { Finding } from './failure-categories.js';
import { infrastructureFindings } from './infrastructure-rules.js';
import { inputFindings } from './input-rules.js';
import { outputFindings } from './output-rules.js';
import { retrievalFindings } from './retrieval-rules.js';
import { DEFAULT_THRESHOLDS, type ClassifierThresholds } from './thresholds.js';
import { toolFindings } from './tool-rules.js';
import { versionFindings } from './version-rules.js';

/**
 * Findings that one span shows on its own: infrastructure, input, output, tool, retrieval,
 * model/parameter and budget failures. Deterministic and allocation-light: it runs at ingest.
 * Pass thresholds made by `resolveThresholds`.
 *
 * @example
 * classifySpan(span).map((f) => f.category); // ['rate_limit']
 */
export function classifySpan(
  span: Span,
  thresholds: ClassifierThresholds = DEFAULT_THRESHOLDS,
): Finding[] {
  const infra = infrastructureFindings(span);
  return [
    ...infra,
    ...inputFindings(span, thresholds),
    ...outputFindings(span),
    ...toolFindings(span, infra.length > 0),
    ...retrievalFindings(span, thresholds),
    ...versionFindings(span),
    ...budgetFindings(
      span,
      thresholds,
      infra.some((f) => f.category === 'timeout'),
    ),
  ];
}
